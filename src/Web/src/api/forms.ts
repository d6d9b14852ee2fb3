import { request } from './http';
import type { FormTemplate, FormTemplateInput, FormTemplateSummary, FormTemplateVersionPage, Page, RegisterItem } from './types';

const base = '/api/v1/forms';
const enc = encodeURIComponent;

/** Form templates (members read, organisation admins change) and a form's register. See docs/forms.md. */
export const formsApi = {
  list: (after: string | null, includeArchived = false, limit = 100) =>
    request<Page<FormTemplateSummary>>('GET',
      `${base}?limit=${limit}${includeArchived ? '&includeArchived=true' : ''}${after ? `&after=${enc(after)}` : ''}`),
  get: (id: string, version?: number) =>
    request<FormTemplate>('GET', `${base}/${enc(id)}${version ? `?version=${version}` : ''}`),
  /** The template's versions, newest first. */
  versions: (id: string, after: string | null, limit = 50) =>
    request<FormTemplateVersionPage>('GET', `${base}/${enc(id)}/versions?limit=${limit}${after ? `&after=${enc(after)}` : ''}`),
  /** The full definition of one version. */
  version: (id: string, version: number) =>
    request<FormTemplate>('GET', `${base}/${enc(id)}/versions/${version}`),
  /** A retried create (same key) answers with the template created the first time. */
  create: (body: FormTemplateInput, idempotencyKey: string) =>
    request<FormTemplate>('POST', base, { body, headers: { 'Idempotency-Key': idempotencyKey } }),
  /** A new version; 412 when someone saved another version since `version`. */
  update: (id: string, body: FormTemplateInput, version: number) =>
    request<FormTemplate>('PUT', `${base}/${enc(id)}`, { body, headers: { 'If-Match': `"${version}"` } }),
  archive: (id: string, version: number) =>
    request<void>('POST', `${base}/${enc(id)}/archive`, { headers: { 'If-Match': `"${version}"` } }),
  /** `query` is the register's filter query string (lib/register.ts), without `limit`/`after`. */
  register: (id: string, query: string, after: string | null, limit = 50) =>
    request<Page<RegisterItem>>('GET',
      `${base}/${enc(id)}/register?${query ? `${query}&` : ''}limit=${limit}${after ? `&after=${enc(after)}` : ''}`),
  /** The same rows as a CSV download (the browser sends the session cookie with the link). */
  registerCsvUrl: (id: string, query: string) => `${base}/${enc(id)}/register?${query ? `${query}&` : ''}format=csv`,
};
