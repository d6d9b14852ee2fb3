import type { ListInfo } from '../api/lists';
import { ApiError } from '../api/problem';

/** The API refuses lists nested deeper than this (docs/api.md). */
export const maxListDepth = 10;

export interface ListRow {
  list: ListInfo;
  /** 0 for a list shown at the top level. */
  depth: number;
  /** The list is inside a list the user cannot see (a member only further down), so it is shown at the top level. */
  parentHidden: boolean;
  hasChildren: boolean;
}

const byName = (a: ListInfo, b: ListInfo) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

function childrenByParent(lists: readonly ListInfo[]): Map<string | null, ListInfo[]> {
  const ids = new Set(lists.map((l) => l.id));
  const children = new Map<string | null, ListInfo[]>();
  for (const l of lists) {
    const parent = l.parentId && ids.has(l.parentId) ? l.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), l]);
  }
  return children;
}

/**
 * The flat answer of `GET /lists` as a tree: depth-first, siblings by name. A list whose parent is
 * not among them (I am a member of it but of no list above it) starts a tree of its own.
 */
export function listTree(lists: readonly ListInfo[]): ListRow[] {
  const children = childrenByParent(lists);
  const rows: ListRow[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    for (const list of [...(children.get(parent) ?? [])].sort(byName)) {
      if (seen.has(list.id)) continue; // the server refuses cycles; never loop on bad data
      seen.add(list.id);
      rows.push({ list, depth, parentHidden: parent === null && list.parentId !== null, hasChildren: children.has(list.id) });
      visit(list.id, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}

/** The rows still shown when some lists are collapsed: everything below a collapsed list is hidden. */
export function expandedRows(rows: readonly ListRow[], collapsed: ReadonlySet<string>): ListRow[] {
  const shown: ListRow[] = [];
  let hideDeeperThan: number | null = null;
  for (const row of rows) {
    if (hideDeeperThan !== null && row.depth > hideDeeperThan) continue;
    hideDeeperThan = collapsed.has(row.list.id) ? row.depth : null;
    shown.push(row);
  }
  return shown;
}

/** The lists above `id`, from the top down, as far as the user can see them. */
export function ancestorsOf(lists: readonly ListInfo[], id: string): ListInfo[] {
  const byId = new Map(lists.map((l) => [l.id, l]));
  const chain: ListInfo[] = [];
  const seen = new Set([id]);
  for (let parent = byId.get(id)?.parentId; parent && !seen.has(parent); parent = byId.get(parent)?.parentId) {
    const list = byId.get(parent);
    if (!list) break;
    seen.add(parent);
    chain.unshift(list);
  }
  return chain;
}

/** Every list inside `id`, at any depth (not `id` itself). */
export function descendantIds(lists: readonly ListInfo[], id: string): Set<string> {
  const children = childrenByParent(lists);
  const found = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop()!) ?? []) {
      if (child.id === id || found.has(child.id)) continue;
      found.add(child.id);
      stack.push(child.id);
    }
  }
  return found;
}

/** How deep `id` is: 1 at the top level (counting only the lists the user can see). */
export function depthOf(lists: readonly ListInfo[], id: string): number {
  return ancestorsOf(lists, id).length + 1;
}

/** How many levels `id` and the lists inside it take: 1 for a list without sub-lists. */
export function heightOf(lists: readonly ListInfo[], id: string): number {
  const children = childrenByParent(lists);
  const seen = new Set<string>();
  const height = (at: string): number => {
    if (seen.has(at)) return 0;
    seen.add(at);
    return 1 + Math.max(0, ...(children.get(at) ?? []).map((c) => height(c.id)));
  };
  return height(id);
}

/** "Project / Sub-list": the list's name after the names of the lists above it. */
export function listPath(lists: readonly ListInfo[], id: string): string {
  const list = lists.find((l) => l.id === id);
  if (!list) return 'a list you cannot see';
  return [...ancestorsOf(lists, id), list].map((l) => l.name).join(' / ');
}

/**
 * Why `id` cannot move inside `targetId` (null: to the top level), or null when it can as far as
 * the client knows. The refusals are worded as the API words its own ("would put the list inside
 * itself", "would nest lists deeper than 10 levels"); the server has the last word, since lists
 * the user cannot see (above the ones they see) may still make a move nest too deep.
 */
export function moveProblem(lists: readonly ListInfo[], id: string, targetId: string | null): string | null {
  const list = lists.find((l) => l.id === id);
  if (!list) return 'That list is not one you can see.';
  if (targetId === null) return list.parentId === null ? `“${list.name}” is already at the top level.` : null;
  const target = lists.find((l) => l.id === targetId);
  if (!target) return 'That list is not one you can see.';
  if (list.parentId === targetId) return `“${list.name}” is already inside “${target.name}”.`;
  if (id === targetId || descendantIds(lists, id).has(targetId)) {
    const why = id === targetId ? 'it is the list itself' : `“${target.name}” is nested in “${list.name}”`;
    return `Moving “${list.name}” into “${target.name}” would put the list inside itself (${why}).`;
  }
  const level = depthOf(lists, targetId);
  const height = heightOf(lists, id);
  if (level + height > maxListDepth) {
    const brings = height > 1 ? ` and “${list.name}” brings ${height} levels with it` : '';
    return `Moving “${list.name}” into “${target.name}” would nest lists deeper than ${maxListDepth} levels (“${target.name}” is at level ${level}${brings}).`;
  }
  return null;
}

/** Where `id` may move inside another list: every list the user sees for which `moveProblem` finds nothing, as a tree. */
export function moveTargets(lists: readonly ListInfo[], id: string): ListRow[] {
  return listTree(lists).filter((row) => moveProblem(lists, id, row.list.id) === null);
}

/** Where a new list may go: lists not yet at the deepest level. */
export function createParents(lists: readonly ListInfo[]): ListRow[] {
  return listTree(lists).filter((row) => depthOf(lists, row.list.id) < maxListDepth);
}

const fieldNames: Record<string, string> = { name: 'Name', parentId: 'Parent list', userIds: 'People', listId: 'List' };

/** The API's error with its field names in words ("Parent list: …" rather than "ParentId: …"). */
export function withListFieldNames(error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.problem?.errors) return error;
  const errors = Object.fromEntries(Object.entries(error.problem.errors).map(([field, messages]) =>
    [fieldNames[field] ?? fieldNames[field.charAt(0).toLowerCase() + field.slice(1)] ?? field, messages]));
  return new ApiError(error.status, { ...error.problem, errors });
}
