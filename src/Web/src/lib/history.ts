import type { Comment } from '../api/types';

export type NameOf = (userId: string) => string;

export interface HistoryLine {
  /** One-line summary, e.g. "Alice assigned the task to Bob". */
  summary: string;
  /** Free text written by the user (comments only). */
  body: string | null;
}

/** Renders one entry of a task's comment stream as a readable line of history. */
export function describeEntry(entry: Comment, nameOf: NameOf): HistoryLine {
  const actor = nameOf(entry.authorId);
  switch (entry.kind) {
    case 'created':
      return { summary: `${actor} created the task`, body: null };
    case 'assigned': {
      const assignee = entry.text?.trim();
      if (!assignee) return { summary: `${actor} removed the assignee`, body: null };
      const target = assignee === entry.authorId ? 'themselves' : nameOf(assignee);
      return { summary: `${actor} assigned the task to ${target}`, body: null };
    }
    case 'comment':
      return { summary: `${actor} commented`, body: entry.text ?? '' };
    default:
      return { summary: `${actor} updated the task`, body: entry.text ?? null };
  }
}

/** Oldest first; entries with the same timestamp keep the server's order. */
export function chronological(entries: readonly Comment[]): Comment[] {
  return entries
    .map((entry, index) => ({ entry, index, t: Date.parse(entry.createdAt) }))
    .sort((a, b) => (a.t - b.t) || (a.index - b.index))
    .map((x) => x.entry);
}

/** Adds entries not yet present (by id), e.g. a comment we just posted. */
export function withEntries(entries: readonly Comment[], added: readonly Comment[]): Comment[] {
  const known = new Set(entries.map((e) => e.id));
  return [...entries, ...added.filter((e) => !known.has(e.id))];
}
