import { describe, expect, it } from 'vitest';
import type { Comment } from '../api/types';
import { chronological, describeChange, describeEntry, peopleIn, stepsBefore, withEntries } from './history';

const names: Record<string, string> = { a: 'Alice', b: 'Bob', c: 'Carol' };
const nameOf = (id: string) => names[id] ?? 'Unknown user';

function entry(partial: Partial<Comment>): Comment {
  return { id: '1', taskId: 't', authorId: 'a', kind: 'comment', text: null, createdAt: '2026-01-01T10:00:00Z', ...partial };
}

describe('describeEntry', () => {
  it('renders creation', () => {
    expect(describeEntry(entry({ kind: 'created' }), nameOf)).toEqual({ summary: 'Alice created the task', body: null, spent: null });
  });

  it('renders assignment with the assignee name', () => {
    expect(describeEntry(entry({ kind: 'assigned', text: 'b' }), nameOf).summary).toBe('Alice assigned the task to Bob');
    expect(describeEntry(entry({ kind: 'assigned', text: 'a' }), nameOf).summary).toBe('Alice assigned the task to themselves');
    expect(describeEntry(entry({ kind: 'assigned', text: null }), nameOf).summary).toBe('Alice removed the assignee');
  });

  it('renders comments with their text as body', () => {
    expect(describeEntry(entry({ authorId: 'b', text: '<b>hi</b>' }), nameOf))
      .toEqual({ summary: 'Bob commented', body: '<b>hi</b>', spent: null });
  });

  it('says files were attached when a comment is only files', () => {
    const file = { id: 'f', name: 'a.png', contentType: 'image/png', length: 1 };
    expect(describeEntry(entry({ attachments: [file] }), nameOf).summary).toBe('Alice attached a file');
    expect(describeEntry(entry({ attachments: [file, { ...file, id: 'g' }] }), nameOf).summary).toBe('Alice attached 2 files');
    expect(describeEntry(entry({ text: 'see', attachments: [file] }), nameOf).summary).toBe('Alice commented');
    expect(describeEntry(entry({ attachments: [] }), nameOf).summary).toBe('Alice commented');
  });

  it('names unknown authors', () => {
    expect(describeEntry(entry({ authorId: 'zz', kind: 'created' }), nameOf).summary).toBe('Unknown user created the task');
  });
});

describe('field changes', () => {
  it('describes every field', () => {
    expect(describeChange({ field: 'title', from: 'X', to: 'Y' }, nameOf)).toBe('changed title from “X” to “Y”');
    expect(describeChange({ field: 'description', from: null, to: null }, nameOf)).toBe('changed the description');
    expect(describeChange({ field: 'assigneeId', from: null, to: 'b' }, nameOf)).toBe('made Bob responsible');
    expect(describeChange({ field: 'assigneeId', from: 'b', to: 'c' }, nameOf)).toBe('changed responsible from Bob to Carol');
    expect(describeChange({ field: 'assigneeId', from: 'b', to: null }, nameOf)).toBe('removed Bob as responsible');
    expect(describeChange({ field: 'due', from: null, to: '2026-05-01' }, nameOf)).toBe('set due to 1 May 2026');
    expect(describeChange({ field: 'due', from: '2026-05-01', to: '2026-05-03' }, nameOf))
      .toBe('changed due from 1 May 2026 to 3 May 2026');
    expect(describeChange({ field: 'due', from: '2026-05-01', to: null }, nameOf)).toBe('removed the due date');
    expect(describeChange({ field: 'participants', from: null, to: 'c' }, nameOf)).toBe('added Carol to participants');
    expect(describeChange({ field: 'participants', from: 'c', to: null }, nameOf)).toBe('removed Carol from participants');
    expect(describeChange({ field: 'priority', from: null, to: 'high' }, nameOf)).toBe('set priority to “high”');
  });

  it('joins several changes into one line', () => {
    const changed = entry({
      kind: 'changed',
      changes: [{ field: 'title', from: 'X', to: 'Y' }, { field: 'due', from: null, to: '2026-05-01' },
        { field: 'description', from: null, to: null }],
    });
    expect(describeEntry(changed, nameOf).summary)
      .toBe('Alice changed title from “X” to “Y”, set due to 1 May 2026 and changed the description');
  });

  it('renders comments that carry changes and spent time', () => {
    const line = describeEntry(entry({
      text: 'hi @[Bob](user:b)', changes: [{ field: 'participants', from: null, to: 'b' }], spentMinutes: 90,
    }), nameOf);
    expect(line).toEqual({ summary: 'Alice commented and added Bob to participants', body: 'hi @[Bob](user:b)', spent: 'Spent 1 h 30 min' });
  });

  it('renders closing and reopening with the optional remark', () => {
    expect(describeEntry(entry({ kind: 'closed' }), nameOf)).toEqual({ summary: 'Alice closed the task', body: null, spent: null });
    expect(describeEntry(entry({ kind: 'reopened', text: 'Not yet' }), nameOf).body).toBe('Not yet');
    expect(describeEntry(entry({ kind: 'reopened' }), nameOf).summary).toBe('Alice reopened the task');
  });

  it('lists the people an entry refers to', () => {
    expect(peopleIn(entry({ kind: 'assigned', text: 'b' }))).toEqual(['a', 'b']);
    expect(peopleIn(entry({ kind: 'changed', changes: [{ field: 'assigneeId', from: 'b', to: 'c' }, { field: 'title', from: 'x', to: 'y' }] })))
      .toEqual(['a', 'b', 'c']);
  });
});

describe('chronological / withEntries', () => {
  it('sorts oldest first and keeps server order on ties', () => {
    const c1 = entry({ id: 'c1', createdAt: '2026-01-01T10:00:00Z' });
    const c2 = entry({ id: 'c2', createdAt: '2026-01-01T10:00:00Z' });
    const c0 = entry({ id: 'c0', createdAt: '2026-01-01T09:00:00Z' });
    expect(chronological([c1, c2, c0]).map((c) => c.id)).toEqual(['c0', 'c1', 'c2']);
  });

  it('appends only unseen entries', () => {
    const c1 = entry({ id: 'c1' });
    const c2 = entry({ id: 'c2' });
    expect(withEntries([c1], [c1, c2]).map((c) => c.id)).toEqual(['c1', 'c2']);
  });
});

describe('form tasks', () => {
  const fields = [{ code: 'amount', type: 'money', label: 'Amount', currency: 'EUR' },
    { code: 'kind', type: 'single_choice', label: 'Kind', options: [{ id: 'o1', label: 'Travel' }] }];

  it('names field changes by label, with formatted values', () => {
    expect(describeChange({ field: 'fields.amount', from: '100', to: '250.5' }, nameOf, fields))
      .toBe('changed Amount from “100.00 EUR” to “250.50 EUR”');
    expect(describeChange({ field: 'fields.kind', from: null, to: '"o1"' }, nameOf, fields)).toBe('set Kind to “Travel”');
    expect(describeChange({ field: 'fields.amount', from: '1', to: null }, nameOf, fields)).toBe('cleared Amount');
    expect(describeChange({ field: 'fields.other', from: null, to: '"x"' }, nameOf, fields)).toBe('set other to “"x"”');
  });

  it('renders decisions with the step', () => {
    const approved = entry({ authorId: 'b', kind: 'approved', changes: [{ field: 'step', from: '1', to: '2' }] });
    expect(describeEntry(approved, nameOf).summary).toBe('Bob approved step 1 — moved to step 2');
    const last = entry({ authorId: 'c', kind: 'approved', changes: [{ field: 'route', from: 'in_progress', to: 'approved' }] });
    expect(describeEntry(last, nameOf, { step: 2 }).summary).toBe('Carol approved step 2 — the route is approved');
    expect(describeEntry(entry({ authorId: 'b', kind: 'approved' }), nameOf, { step: 1 }).summary).toBe('Bob approved step 1');
    const rejected = entry({ authorId: 'b', kind: 'rejected', text: 'Too much', changes: [{ field: 'step', from: '2', to: '1' }] });
    expect(describeEntry(rejected, nameOf)).toEqual({ summary: 'Bob rejected step 2 — returned to step 1', body: 'Too much', spent: null });
    expect(describeEntry(entry({ authorId: 'b', kind: 'revoked' }), nameOf, { step: 1 }).summary).toBe('Bob revoked their decision on step 1');
    expect(describeEntry(entry({ kind: 're_requested', changes: [{ field: 'route', from: 'rejected', to: 'in_progress' }] }), nameOf).summary)
      .toBe('Alice re-requested approval of the route — the route is open again');
  });

  it('replays step changes to know the step of each entry', () => {
    const entries = [entry({ id: 'e1', kind: 'created' }), entry({ id: 'e2', kind: 'approved', changes: [{ field: 'step', from: '1', to: '2' }] }),
      entry({ id: 'e3', kind: 'approved' })];
    expect([...stepsBefore(entries)]).toEqual([['e1', 1], ['e2', 1], ['e3', 2]]);
  });
});

describe('subscriptions and lists in the history', () => {
  const change = (partial: Partial<Comment>): Comment => entry({ kind: 'changed', ...partial });

  it('tells following oneself from subscribing someone else', () => {
    expect(describeEntry(change({ authorId: 'b', changes: [{ field: 'subscribers', from: null, to: 'b' }] }), nameOf).summary)
      .toBe('Bob started following the task');
    expect(describeEntry(change({ authorId: 'b', changes: [{ field: 'subscribers', from: 'b', to: null }] }), nameOf).summary)
      .toBe('Bob stopped following the task');
    expect(describeEntry(change({ changes: [{ field: 'subscribers', from: null, to: 'b' }] }), nameOf).summary).toBe('Alice subscribed Bob');
    expect(describeEntry(change({ changes: [{ field: 'subscribers', from: 'b', to: null }] }), nameOf).summary).toBe('Alice unsubscribed Bob');
  });

  it('names the subscribers given when the task was created', () => {
    expect(describeEntry(entry({ kind: 'created', changes: [{ field: 'subscribers', from: null, to: 'b' }] }), nameOf).summary)
      .toBe('Alice created the task and subscribed Bob');
  });

  it('names lists by their names, and a list it cannot name neutrally', () => {
    const listName = (id: string) => (id === 'l1' ? 'Website' : 'a list you cannot see');
    expect(describeEntry(change({ changes: [{ field: 'lists', from: null, to: 'l1' }] }), nameOf, { listName }).summary)
      .toBe('Alice added the task to “Website”');
    expect(describeEntry(change({ changes: [{ field: 'lists', from: 'l2', to: null }] }), nameOf, { listName }).summary)
      .toBe('Alice removed the task from “a list you cannot see”');
    expect(describeEntry(change({ changes: [{ field: 'lists', from: null, to: 'l1' }] }), nameOf).summary)
      .toBe('Alice added the task to “a list”');
  });

  it('makes sure subscribers’ names are known', () => {
    expect(peopleIn(change({ changes: [{ field: 'subscribers', from: null, to: 'b' }] }))).toEqual(['a', 'b']);
  });
});
