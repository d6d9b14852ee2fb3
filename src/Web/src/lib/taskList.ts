import type { Page, TaskDetails, TaskSummary } from '../api/types';

export interface TaskListState {
  items: TaskSummary[];
  nextCursor: string | null;
  /** How many pages have been loaded; 0 before the first load. */
  pages: number;
}

export const emptyTaskList: TaskListState = { items: [], nextCursor: null, pages: 0 };

function dedupe(items: readonly TaskSummary[]): TaskSummary[] {
  const seen = new Set<string>();
  return items.filter((t) => (seen.has(t.id) ? false : (seen.add(t.id), true)));
}

/** "Load more": appends the next page, skipping tasks already shown. */
export function appendPage(state: TaskListState, page: Page<TaskSummary>): TaskListState {
  return {
    items: dedupe([...state.items, ...page.items]),
    nextCursor: page.nextCursor,
    pages: state.pages + 1,
  };
}

/**
 * Refresh after a change: the fresh first page replaces the top of the list. Tasks further
 * down that were already loaded stay (deduplicated), so "load more" progress is not lost.
 */
export function refreshFirstPage(state: TaskListState, first: Page<TaskSummary>): TaskListState {
  if (state.pages <= 1) return { items: dedupe(first.items), nextCursor: first.nextCursor, pages: 1 };
  const fresh = new Set(first.items.map((t) => t.id));
  return {
    items: dedupe([...first.items, ...state.items.filter((t) => !fresh.has(t.id))]),
    nextCursor: state.nextCursor,
    pages: state.pages,
  };
}

export function summaryOf(task: TaskDetails): TaskSummary {
  return {
    id: task.id,
    title: task.title,
    authorId: task.authorId,
    assigneeId: task.assigneeId,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
    commentCount: task.comments.filter((c) => c.kind === 'comment').length,
  };
}

/** Puts a task we just created at the top. */
export function prependTask(state: TaskListState, task: TaskSummary): TaskListState {
  return { ...state, items: dedupe([task, ...state.items]) };
}
