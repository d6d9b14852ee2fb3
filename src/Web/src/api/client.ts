import { request } from './http';
import type {
  ClusterStatus, Comment, Me, NewTask, NewUser, Page, SetupRequest, SetupStatus, TaskDetails, TaskSummary, User,
} from './types';

const base = '/api/v1';
const enc = encodeURIComponent;

export const api = {
  setupStatus: () => request<SetupStatus>('GET', `${base}/setup`),
  setup: (body: SetupRequest) =>
    request<{ organizationId: string; userId: string }>('POST', `${base}/setup`, { body }),

  login: (email: string, password: string) =>
    request<void>('POST', `${base}/auth/login?useCookies=true`, { body: { email, password }, quiet401: true }),
  logout: () => request<void>('POST', `${base}/auth/logout`, { quiet401: true }),
  me: () => request<Me>('GET', `${base}/me`, { quiet401: true }),

  users: () => request<{ items: User[] }>('GET', `${base}/users`).then((r) => r.items),
  createUser: (body: NewUser) => request<User>('POST', `${base}/users`, { body }),

  tasks: (after: string | null, limit = 50) =>
    request<Page<TaskSummary>>(
      'GET', `${base}/tasks?limit=${limit}${after ? `&after=${enc(after)}` : ''}`),
  task: (id: string) => request<TaskDetails>('GET', `${base}/tasks/${enc(id)}`),
  createTask: (body: NewTask) => request<TaskDetails>('POST', `${base}/tasks`, { body }),
  addComment: (taskId: string, text: string) =>
    request<Comment>('POST', `${base}/tasks/${enc(taskId)}/comments`, { body: { text } }),

  clusterNodes: () => request<ClusterStatus>('GET', `${base}/admin/cluster/nodes`),
};
