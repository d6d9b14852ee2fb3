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

/** `GET /lists/{id}/tasks` with its query; `includeNested` only when asked for, as the API's default is off. */
export function listTasksPath(id: string, after: string | null, limit: number, includeNested: boolean): string {
  return `${base}/lists/${enc(id)}/tasks?limit=${limit}${after ? `&after=${enc(after)}` : ''}${includeNested ? '&includeNested=true' : ''}`;
}

/** Lists (docs/api.md): their members see them, the lists nested below and all their tasks; a task may be in several. */
export const listsApi = {
  /** The lists I am a member of and every list nested below them (administrators: all of the organisation's). */
  lists: () => request<{ items: ListInfo[] }>('GET', `${base}/lists`),
  create: (name: string, parentId: string | null) =>
    request<ListInfo>('POST', `${base}/lists`, { body: parentId ? { name, parentId } : { name } }),
  /** Rename and/or move: `parentId` absent leaves the list where it is, `null` moves it to the top level. */
  update: (id: string, body: { name?: string; parentId?: string | null }) =>
    request<ListInfo>('PATCH', `${base}/lists/${enc(id)}`, { body }),
  remove: (id: string) => request<void>('DELETE', `${base}/lists/${enc(id)}`),
  addMembers: (id: string, userIds: string[]) =>
    request<ListInfo>('POST', `${base}/lists/${enc(id)}/members`, { body: { userIds } }),
  removeMember: (id: string, userId: string) =>
    request<ListInfo>('DELETE', `${base}/lists/${enc(id)}/members/${enc(userId)}`),
  /** The list's tasks; `includeNested`: those of every list nested below it too, each task once. */
  tasks: (id: string, after: string | null, limit = 50, includeNested = false) =>
    request<Page<TaskSummary>>('GET', listTasksPath(id, after, limit, includeNested)),

  /** Putting a task into a list, or taking it out, is an entry in the task's history. */
  addTask: (taskId: string, listId: string) =>
    request<Comment>('POST', `${base}/tasks/${enc(taskId)}/lists`, { body: { listId } }),
  removeTask: (taskId: string, listId: string) =>
    request<Comment>('DELETE', `${base}/tasks/${enc(taskId)}/lists/${enc(listId)}`),
};
