import { describe, expect, it } from 'vitest';
import type { Comment } from '../api/types';
import { chronological, describeEntry, withEntries } from './history';

const names: Record<string, string> = { a: 'Alice', b: 'Bob' };
const nameOf = (id: string) => names[id] ?? 'Unknown user';

function entry(partial: Partial<Comment>): Comment {
  return { id: '1', taskId: 't', authorId: 'a', kind: 'comment', text: null, createdAt: '2026-01-01T10:00:00Z', ...partial };
}

describe('describeEntry', () => {
  it('renders creation', () => {
    expect(describeEntry(entry({ kind: 'created' }), nameOf)).toEqual({ summary: 'Alice created the task', body: null });
  });

  it('renders assignment with the assignee name', () => {
    expect(describeEntry(entry({ kind: 'assigned', text: 'b' }), nameOf).summary).toBe('Alice assigned the task to Bob');
    expect(describeEntry(entry({ kind: 'assigned', text: 'a' }), nameOf).summary).toBe('Alice assigned the task to themselves');
    expect(describeEntry(entry({ kind: 'assigned', text: null }), nameOf).summary).toBe('Alice removed the assignee');
  });

  it('renders comments with their text as body', () => {
    expect(describeEntry(entry({ authorId: 'b', text: '<b>hi</b>' }), nameOf))
      .toEqual({ summary: 'Bob commented', body: '<b>hi</b>' });
  });

  it('names unknown authors', () => {
    expect(describeEntry(entry({ authorId: 'zz', kind: 'created' }), nameOf).summary).toBe('Unknown user created the task');
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
