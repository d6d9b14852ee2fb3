import type { Comment, FieldChange } from '../api/types';
import { formatDueText, formatDuration } from './due';

export type NameOf = (userId: string) => string;

export interface HistoryLine {
  /** One-line summary, e.g. "Alice changed title from “A” to “B”". */
  summary: string;
  /** Free text written by the user (comments, closing remarks), or null. */
  body: string | null;
  /** "Spent 1 h 30 min" when time was logged with the entry. */
  spent: string | null;
}

const quoted = (s: string | null) => `“${s ?? ''}”`;

/** One field change as a phrase that follows the actor's name. */
export function describeChange(change: FieldChange, nameOf: NameOf): string {
  const { field, from, to } = change;
  switch (field) {
    case 'title':
      return `changed title from ${quoted(from)} to ${quoted(to)}`;
    case 'description':
      return 'changed the description';
    case 'assigneeId':
      if (!to) return `removed ${from ? nameOf(from) : 'the responsible person'} as responsible`;
      if (!from) return `made ${nameOf(to)} responsible`;
      return `changed responsible from ${nameOf(from)} to ${nameOf(to)}`;
    case 'due':
      if (!to) return 'removed the due date';
      if (!from) return `set due to ${formatDueText(to)}`;
      return `changed due from ${formatDueText(from)} to ${formatDueText(to)}`;
    case 'participants':
      if (to) return `added ${nameOf(to)} to participants`;
      return `removed ${from ? nameOf(from) : 'someone'} from participants`;
    default:
      if (!to) return `cleared ${field}`;
      return from ? `changed ${field} from ${quoted(from)} to ${quoted(to)}` : `set ${field} to ${quoted(to)}`;
  }
}

function joinPhrases(phrases: string[]): string {
  if (phrases.length <= 1) return phrases.join('');
  return `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`;
}

/** Renders one entry of a task's history as a readable line. */
export function describeEntry(entry: Comment, nameOf: NameOf): HistoryLine {
  const actor = nameOf(entry.authorId);
  const phrases = (entry.changes ?? []).map((c) => describeChange(c, nameOf));
  const spent = entry.spentMinutes ? `Spent ${formatDuration(entry.spentMinutes)}` : null;
  const text = entry.text?.trim() ? entry.text : null;
  const line = (summary: string, body: string | null = null) => ({ summary, body, spent });
  switch (entry.kind) {
    case 'created':
      return line(`${actor} created the task`);
    case 'assigned': {
      const assignee = entry.text?.trim();
      if (!assignee) return line(`${actor} removed the assignee`);
      const target = assignee === entry.authorId ? 'themselves' : nameOf(assignee);
      return line(`${actor} assigned the task to ${target}`);
    }
    case 'comment':
      return line(phrases.length ? `${actor} commented and ${joinPhrases(phrases)}` : `${actor} commented`, entry.text ?? '');
    case 'changed':
      return line(phrases.length ? `${actor} ${joinPhrases(phrases)}` : `${actor} updated the task`, text);
    case 'closed':
      return line(`${actor} closed the task`, text);
    case 'reopened':
      return line(`${actor} reopened the task`, text);
    default:
      return line(`${actor} updated the task`, text);
  }
}

/** Every user id an entry refers to (to make sure their names are known). */
export function peopleIn(entry: Comment): string[] {
  const ids = [entry.authorId];
  if (entry.kind === 'assigned' && entry.text) ids.push(entry.text);
  for (const c of entry.changes ?? []) {
    if (c.field === 'assigneeId' || c.field === 'participants') {
      if (c.from) ids.push(c.from);
      if (c.to) ids.push(c.to);
    }
  }
  return ids;
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
