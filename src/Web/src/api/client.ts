import { request } from './http';
import type {
  CalendarPage, ClusterStatus, Comment, FormTemplate, FormTemplateSummary, FormValues, InboxItem, Me, NewTask, NewUser, Page, SetupRequest, SetupStatus,
  TaskDetails, TaskPatch, TaskSummary, User,
} from './types';

const base = '/api/v1';
const enc = encodeURIComponent;
const task = (id: string) => `${base}/tasks/${enc(id)}`;
/** The version a change is based on: the server answers 412 if the task moved on since. */
const ifMatch = (version: number | undefined) =>
  (version === undefined ? {} : { headers: { 'If-Match': `"${version}"` } });

export const api = {
  setupStatus: () => request<SetupStatus>('GET', `${base}/setup`),
  setup: (body: SetupRequest) =>
    request<{ organizationId: string; adminUserId: string }>('POST', `${base}/setup`, { body }),

  login: (email: string, password: string) =>
    request<void>('POST', `${base}/auth/login?useCookies=true`, { body: { email, password }, quiet401: true }),
  logout: () => request<void>('POST', `${base}/auth/logout`, { quiet401: true }),
  me: () => request<Me>('GET', `${base}/me`, { quiet401: true }),

  // The people list is paged on the server; the client needs everyone (names in history,
  // pickers), so it follows the cursor. 500 a page keeps that to a few requests for large teams.
  users: async () => {
    const all: User[] = [];
    let after: string | null = null;
    do {
      const page: { items: User[]; nextCursor: string | null } = await request('GET',
        `${base}/users?limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      all.push(...page.items);
      after = page.nextCursor;
    } while (after);
    return all;
  },
  createUser: (body: NewUser) => request<User>('POST', `${base}/users`, { body }),

  tasks: (after: string | null, limit = 50) =>
    request<Page<TaskSummary>>(
      'GET', `${base}/tasks?limit=${limit}${after ? `&after=${enc(after)}` : ''}`),
  task: (id: string) => request<TaskDetails>('GET', `${base}/tasks/${enc(id)}`),
  createTask: (body: NewTask) => request<TaskDetails>('POST', `${base}/tasks`, { body }),
  /** `text` may be empty when files are attached (ids from `POST /files`). */
  addComment: (taskId: string, text: string, spentMinutes?: number, attachments: readonly string[] = []) =>
    request<Comment>('POST', `${task(taskId)}/comments`, {
      body: {
        ...(text ? { text } : {}),
        ...(spentMinutes ? { spentMinutes } : {}),
        ...(attachments.length > 0 ? { attachments } : {}),
      },
    }),
  editTask: (id: string, patch: TaskPatch, version: number | undefined) =>
    request<Comment>('PATCH', task(id), { body: patch, ...ifMatch(version) }),
  closeTask: (id: string, version: number | undefined, text?: string) =>
    request<Comment>('POST', `${task(id)}/close`, { body: text ? { text } : undefined, ...ifMatch(version) }),
  reopenTask: (id: string, version: number | undefined, text?: string) =>
    request<Comment>('POST', `${task(id)}/reopen`, { body: text ? { text } : undefined, ...ifMatch(version) }),
  addParticipants: (id: string, userIds: string[]) =>
    request<Comment>('POST', `${task(id)}/participants`, { body: { userIds } }),
  removeParticipant: (id: string, userId: string) =>
    request<Comment>('DELETE', `${task(id)}/participants/${enc(userId)}`),
  /** Anyone who sees the task may (un)subscribe themselves; only participants (un)subscribe others. */
  addSubscribers: (id: string, userIds: string[]) =>
    request<Comment>('POST', `${task(id)}/subscribers`, { body: { userIds } }),
  removeSubscriber: (id: string, userId: string) =>
    request<Comment>('DELETE', `${task(id)}/subscribers/${enc(userId)}`),

  forms: () => request<Page<FormTemplateSummary>>('GET', `${base}/forms?limit=200`),
  form: (id: string, version?: number) =>
    request<FormTemplate>('GET', `${base}/forms/${enc(id)}${version ? `?version=${version}` : ''}`),
  editForm: (id: string, values: FormValues, version: number | undefined, text?: string) =>
    request<Comment>('PATCH', `${task(id)}/form`, { body: text ? { values, text } : { values }, ...ifMatch(version) }),
  /** `step` only for a re-request of an earlier step (the current one by default). */
  decide: (id: string, action: 'approve' | 'reject' | 'revoke' | 're-request', version: number | undefined, text?: string, step?: number) => {
    const body = { ...(text ? { text } : {}), ...(step ? { step } : {}) };
    return request<Comment>('POST', `${task(id)}/${action}`, { body: Object.keys(body).length ? body : undefined, ...ifMatch(version) });
  },

  inbox: (after: string | null, limit = 50) =>
    request<Page<InboxItem>>('GET', `${base}/inbox?limit=${limit}${after ? `&after=${enc(after)}` : ''}`),
  markRead: (id: string) => request<void>('POST', `${task(id)}/read`),
  doneForNow: (id: string) => request<void>('POST', `${task(id)}/done-for-now`),
  snooze: (id: string, until: string | null) => request<void>('POST', `${task(id)}/snooze`, { body: { until } }),

  calendar: (from: string, to: string) =>
    request<CalendarPage>('GET', `${base}/calendar?from=${enc(from)}&to=${enc(to)}`),

  clusterNodes: () => request<ClusterStatus>('GET', `${base}/admin/cluster/nodes`),
};
