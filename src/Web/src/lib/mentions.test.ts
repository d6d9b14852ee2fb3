import { describe, expect, it } from 'vitest';
import { activeMention, insertMention, mentionMarkup, mentionedIds, suggestPeople } from './mentions';

const bob = { id: '0195a1b2-0000-7000-8000-000000000001', displayName: 'Bob Stone', email: 'bob@acme.test' };
const ann = { id: '0195a1b2-0000-7000-8000-000000000002', displayName: 'Ann Lee', email: 'ann@acme.test' };
const rob = { id: '0195a1b2-0000-7000-8000-000000000003', displayName: 'Robert Ball', email: 'rb@acme.test' };

describe('mentions', () => {
  it('writes and finds the markup', () => {
    expect(mentionMarkup(bob)).toBe(`@[Bob Stone](user:${bob.id})`);
    expect(mentionMarkup({ id: 'x', displayName: 'A]b\nc' })).toBe('@[Abc](user:x)');
    const text = `Hi ${mentionMarkup(bob)} and ${mentionMarkup(ann)}, ${mentionMarkup(bob)}`;
    expect(mentionedIds(text)).toEqual([bob.id, ann.id]);
    expect(mentionedIds('mail me @ home')).toEqual([]);
  });

  it('detects the mention being typed', () => {
    expect(activeMention('Hi @bo', 6)).toEqual({ start: 3, query: 'bo' });
    expect(activeMention('@', 1)).toEqual({ start: 0, query: '' });
    expect(activeMention('Hi @Bob St', 10)).toEqual({ start: 3, query: 'Bob St' });
    expect(activeMention('mail@acme', 9)).toBeNull();
    expect(activeMention('Hi @bo\nthere', 12)).toBeNull();
    expect(activeMention('Hi @ bob', 8)).toBeNull();
    expect(activeMention('no at sign', 5)).toBeNull();
  });

  it('suggests people by name start, word start, then anywhere', () => {
    expect(suggestPeople([rob, bob, ann], 'bo')).toEqual([bob]);
    expect(suggestPeople([rob, bob, ann], 'b')).toEqual([bob, rob]);
    expect(suggestPeople([rob, bob, ann], 'acme').map((p) => p.displayName)).toEqual(['Ann Lee', 'Bob Stone', 'Robert Ball']);
    expect(suggestPeople([rob, bob, ann], '', 2)).toEqual([ann, bob]);
  });

  it('inserts the markup in place of the typed query', () => {
    const text = 'Hi @bo please';
    const result = insertMention(text, { start: 3, query: 'bo' }, 6, bob);
    expect(result.text).toBe(`Hi @[Bob Stone](user:${bob.id}) please`);
    expect(result.text.slice(0, result.caret)).toBe(`Hi @[Bob Stone](user:${bob.id}) `);
  });
});
