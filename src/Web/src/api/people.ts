import { request } from './http';
import type { Bot, Department, DepartmentInput, IssuedBotKey, Role } from './types';

const base = '/api/v1';
const enc = encodeURIComponent;

/** Departments, roles, bots and blocking (docs/people.md). Members read; administrators change. */
export const peopleApi = {
  departments: () => request<{ items: Department[] }>('GET', `${base}/departments`),
  createDepartment: (body: DepartmentInput) => request<Department>('POST', `${base}/departments`, { body }),
  /** PUT replaces the whole department (name, parent, head). */
  updateDepartment: (id: string, body: DepartmentInput) =>
    request<Department>('PUT', `${base}/departments/${enc(id)}`, { body }),
  deleteDepartment: (id: string) => request<void>('DELETE', `${base}/departments/${enc(id)}`),
  addDepartmentMember: (id: string, userId: string) =>
    request<void>('PUT', `${base}/departments/${enc(id)}/members/${enc(userId)}`),
  removeDepartmentMember: (id: string, userId: string) =>
    request<void>('DELETE', `${base}/departments/${enc(id)}/members/${enc(userId)}`),

  roles: () => request<{ items: Role[] }>('GET', `${base}/roles`),
  createRole: (name: string) => request<Role>('POST', `${base}/roles`, { body: { name } }),
  renameRole: (id: string, name: string) => request<Role>('PUT', `${base}/roles/${enc(id)}`, { body: { name } }),
  deleteRole: (id: string) => request<void>('DELETE', `${base}/roles/${enc(id)}`),
  addRoleMember: (id: string, userId: string) => request<void>('PUT', `${base}/roles/${enc(id)}/members/${enc(userId)}`),
  removeRoleMember: (id: string, userId: string) =>
    request<void>('DELETE', `${base}/roles/${enc(id)}/members/${enc(userId)}`),

  bots: () => request<{ items: Bot[] }>('GET', `${base}/bots`),
  createBot: (displayName: string) => request<IssuedBotKey>('POST', `${base}/bots`, { body: { displayName } }),
  /** A new key; the old one stops working at once. */
  rotateBotKey: (id: string) => request<IssuedBotKey>('POST', `${base}/bots/${enc(id)}/keys`),
  /** The bot keeps its account but has no valid key until a new one is issued. */
  revokeBotKey: (id: string) => request<void>('DELETE', `${base}/bots/${enc(id)}/keys`),
  /** Soft delete: it can no longer authenticate; what it wrote keeps its name. */
  deleteBot: (id: string) => request<void>('DELETE', `${base}/bots/${enc(id)}`),

  block: (userId: string) => request<void>('POST', `${base}/users/${enc(userId)}/block`),
  unblock: (userId: string) => request<void>('POST', `${base}/users/${enc(userId)}/unblock`),
};
