import type { Comment, FieldChange, FormFieldDef } from '../api/types';
import { formatDueText, formatDuration } from './due';
import { formatRawValue } from './formValues';

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

/** What a change's phrase may need beyond people's names. */
export interface ChangeContext {
  /** Who made the change: "started following" rather than "subscribed Ann" for oneself. */
  actorId?: string;
  /** A list's name (lists the user cannot see included). */
  listName?: (listId: string) => string;
}

/** One field change as a phrase that follows the actor's name. */
export function describeChange(change: FieldChange, nameOf: NameOf, fields: readonly FormFieldDef[] = [],
  context: ChangeContext = {}): string {
  const { field, from, to } = change;
  if (field.startsWith('fields.')) {
    const code = field.slice('fields.'.length);
    const def = fields.find((f) => f.code === code);
    const label = def?.label ?? code;
    const show = (raw: string | null) => quoted(def ? formatRawValue(def, raw, nameOf) : raw);
    if (!to) return `cleared ${label}`;
    return from ? `changed ${label} from ${show(from)} to ${show(to)}` : `set ${label} to ${show(to)}`;
  }
  switch (field) {
    case 'step':
      return Number(to) > Number(from) ? `moved to step ${to}` : `returned to step ${to}`;
    case 'route':
      return to === 'approved' ? 'the route is approved'
        : to === 'rejected' ? 'the route is rejected'
        : 'the route is open again';
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
    case 'subscribers': {
      const person = to ?? from;
      const self = person !== null && person === context.actorId;
      if (to) return self ? 'started following the task' : `subscribed ${nameOf(to)}`;
      return self ? 'stopped following the task' : `unsubscribed ${from ? nameOf(from) : 'someone'}`;
    }
    case 'lists': {
      const name = (id: string) => quoted(context.listName?.(id) ?? 'a list');
      if (to) return `added the task to ${name(to)}`;
      return `removed the task from ${from ? name(from) : quoted('a list')}`;
    }
    default:
      if (!to) return `cleared ${field}`;
      return from ? `changed ${field} from ${quoted(from)} to ${quoted(to)}` : `set ${field} to ${quoted(to)}`;
  }
}

function joinPhrases(phrases: string[]): string {
  if (phrases.length <= 1) return phrases.join('');
  return `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`;
}

export interface EntryContext {
  /** The form's fields, to name `fields.<code>` changes by their label. */
  fields?: readonly FormFieldDef[];
  /** The route step the task was at when the entry was made (see `stepsBefore`). */
  step?: number;
  /** Names lists in `lists` changes. */
  listName?: (listId: string) => string;
}

const decisionVerbs: Partial<Record<string, string>> = {
  approved: 'approved', rejected: 'rejected', revoked: 'revoked their decision on', re_requested: 're-requested approval of',
};

/** Renders one entry of a task's history as a readable line. */
export function describeEntry(entry: Comment, nameOf: NameOf, context: EntryContext = {}): HistoryLine {
  const actor = nameOf(entry.authorId);
  const changeContext = { actorId: entry.authorId, listName: context.listName };
  const phrases = (entry.changes ?? []).map((c) => describeChange(c, nameOf, context.fields, changeContext));
  const spent = entry.spentMinutes ? `Spent ${formatDuration(entry.spentMinutes)}` : null;
  const text = entry.text?.trim() ? entry.text : null;
  const line = (summary: string, body: string | null = null) => ({ summary, body, spent });
  switch (entry.kind) {
    case 'created': {
      // Subscribers named when the task was created are recorded on this entry.
      const subscribed = (entry.changes ?? []).filter((c) => c.field === 'subscribers').map((c) => describeChange(c, nameOf, [], changeContext));
      return line(subscribed.length ? `${actor} created the task and ${joinPhrases(subscribed)}` : `${actor} created the task`);
    }
    case 'assigned': {
      const assignee = entry.text?.trim();
      if (!assignee) return line(`${actor} removed the assignee`);
      const target = assignee === entry.authorId ? 'themselves' : nameOf(assignee);
      return line(`${actor} assigned the task to ${target}`);
    }
    case 'comment': {
      const files = entry.attachments?.length ?? 0;
      // A comment may be just files: "Ann attached 2 files" says more than "Ann commented" over nothing.
      const verb = text === null && files > 0 ? `attached ${files === 1 ? 'a file' : `${files} files`}` : 'commented';
      return line(phrases.length ? `${actor} ${verb} and ${joinPhrases(phrases)}` : `${actor} ${verb}`, entry.text ?? '');
    }
    case 'changed':
      return line(phrases.length ? `${actor} ${joinPhrases(phrases)}` : `${actor} updated the task`, text);
    case 'closed':
      return line(`${actor} closed the task`, text);
    case 'reopened':
      return line(`${actor} reopened the task`, text);
    case 'approved':
    case 'rejected':
    case 'revoked':
    case 're_requested': {
      const verb = decisionVerbs[entry.kind] ?? entry.kind;
      const stepChange = entry.changes?.find((c) => c.field === 'step');
      const step = (entry.kind === 're_requested' ? undefined : stepChange?.from) ?? context.step;
      const object = step ? ` step ${step}` : (entry.kind === 'approved' || entry.kind === 'rejected' ? '' : ' the route');
      const outcome = (entry.changes ?? []).filter((c) => c.field === 'step' || c.field === 'route')
        .map((c) => describeChange(c, nameOf));
      return line(`${actor} ${verb}${object}${outcome.length ? ` — ${joinPhrases(outcome)}` : ''}`, text);
    }
    default:
      return line(`${actor} updated the task`, text);
  }
}

/** Every user id an entry refers to (to make sure their names are known). */
export function peopleIn(entry: Comment): string[] {
  const ids = [entry.authorId];
  if (entry.kind === 'assigned' && entry.text) ids.push(entry.text);
  for (const c of entry.changes ?? []) {
    if (c.field === 'assigneeId' || c.field === 'participants' || c.field === 'subscribers') {
      if (c.from) ids.push(c.from);
      if (c.to) ids.push(c.to);
    }
  }
  return ids;
}

/**
 * The route step a form task was at before each entry (by entry id), replaying the entries'
 * `step` changes from step 1. Entries must be in chronological order.
 */
export function stepsBefore(entries: readonly Comment[]): Map<string, number> {
  const steps = new Map<string, number>();
  let step = 1;
  for (const entry of entries) {
    steps.set(entry.id, step);
    const change = entry.changes?.find((c) => c.field === 'step');
    if (change?.to && Number.isFinite(Number(change.to))) step = Number(change.to);
  }
  return steps;
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
