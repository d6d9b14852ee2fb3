import { request } from './http';
import type { Comment, Page, TaskSummary } from './types';

const base = '/api/v1';
const enc = encodeURIComponent;

/** A list (project) as `GET /api/v1/lists` returns it: flat, the nesting is `parentId`. */
export interface ListInfo {
  id: string;
  name: string;
  parentId: string | null;
  memberIds: string[];
  createdAt: string;
}

/** Lists (docs/api.md): their members see their tasks; a task may be in several. */
export const listsApi = {
  /** The lists I am a member of (administrators: all of the organisation's). */
  lists: () => request<{ items: ListInfo[] }>('GET', `${base}/lists`),
  create: (name: string, parentId: string | null) =>
    request<ListInfo>('POST', `${base}/lists`, { body: parentId ? { name, parentId } : { name } }),
  /** Rename and/or move. The API has no way to move a list back to the top level (`parentId: null` means "unchanged"). */
  update: (id: string, body: { name?: string; parentId?: string }) =>
    request<ListInfo>('PATCH', `${base}/lists/${enc(id)}`, { body }),
  remove: (id: string) => request<void>('DELETE', `${base}/lists/${enc(id)}`),
  addMembers: (id: string, userIds: string[]) =>
    request<ListInfo>('POST', `${base}/lists/${enc(id)}/members`, { body: { userIds } }),
  removeMember: (id: string, userId: string) =>
    request<ListInfo>('DELETE', `${base}/lists/${enc(id)}/members/${enc(userId)}`),
  tasks: (id: string, after: string | null, limit = 50) =>
    request<Page<TaskSummary>>('GET', `${base}/lists/${enc(id)}/tasks?limit=${limit}${after ? `&after=${enc(after)}` : ''}`),

  /** Putting a task into a list, or taking it out, is an entry in the task's history. */
  addTask: (taskId: string, listId: string) =>
    request<Comment>('POST', `${base}/tasks/${enc(taskId)}/lists`, { body: { listId } }),
  removeTask: (taskId: string, listId: string) =>
    request<Comment>('DELETE', `${base}/tasks/${enc(taskId)}/lists/${enc(listId)}`),
};
