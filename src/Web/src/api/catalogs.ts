import { request } from './http';
import type {
  Catalog, CatalogChangeResult, CatalogDetails, CatalogInput, CatalogSummary, Page,
} from './types';

const base = '/api/v1/catalogs';
const enc = encodeURIComponent;
const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

/** Catalogs (reference tables): members read, administrators change. See docs/catalogs.md. */
export const catalogsApi = {
  list: (after: string | null, limit = 50) =>
    request<Page<CatalogSummary>>('GET', `${base}?limit=${limit}${after ? `&after=${enc(after)}` : ''}`),
  get: (id: string, after: string | null, limit = 100) =>
    request<CatalogDetails>('GET', `${base}/${enc(id)}?limit=${limit}${after ? `&after=${enc(after)}` : ''}`),
  create: (body: CatalogInput) => request<Catalog>('POST', base, { body }),
  /** Full sync: the catalog becomes exactly `body` (items not sent are deleted). */
  sync: (id: string, body: CatalogInput, version: number) =>
    request<CatalogChangeResult>('PUT', `${base}/${enc(id)}`, {
      body: { headers: body.headers, items: body.items }, headers: ifMatch(version),
    }),
  remove: (id: string, version: number) =>
    request<void>('DELETE', `${base}/${enc(id)}`, { headers: ifMatch(version) }),
};
