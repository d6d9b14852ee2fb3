import { describe, expect, it } from 'vitest';
import type { ListInfo } from '../api/lists';
import { ApiError, problemMessages } from '../api/problem';
import {
  ancestorsOf, createParents, depthOf, descendantIds, expandedRows, heightOf, listPath, listTree, maxListDepth,
  moveProblem, moveTargets, withListFieldNames,
} from './lists';

const l = (id: string, name: string, parentId: string | null = null): ListInfo =>
  ({ id, name, parentId, memberIds: ['ann'], createdAt: '2026-01-01T00:00:00Z' });

// Website ⊃ Design ⊃ Icons, Website ⊃ Backend; Admin; Orphan's parent is a list I cannot see.
const lists = [l('w', 'Website'), l('i', 'Icons', 'd'), l('d', 'Design', 'w'), l('b', 'Backend', 'w'), l('a', 'Admin'), l('o', 'Orphan', 'hidden')];
const shape = (rows: ReturnType<typeof listTree>) => rows.map((r) => `${'-'.repeat(r.depth)}${r.list.name}`);

/** A chain c1 ⊃ c2 ⊃ … ⊃ cN. */
const chain = (n: number, prefix = 'c') => Array.from({ length: n }, (_, i) => l(`${prefix}${i + 1}`, `${prefix}${i + 1}`, i ? `${prefix}${i}` : null));

describe('listTree', () => {
  it('orders depth-first with siblings by name, whatever order the API answers in', () => {
    expect(shape(listTree(lists))).toEqual(['Admin', 'Orphan', 'Website', '-Backend', '-Design', '--Icons']);
    expect(shape(listTree([...lists].reverse()))).toEqual(shape(listTree(lists)));
  });

  it('shows a list inside a list I cannot see at the top level, and says so', () => {
    const rows = listTree(lists);
    expect(rows.filter((r) => r.parentHidden).map((r) => r.list.id)).toEqual(['o']);
    expect(rows.filter((r) => r.hasChildren).map((r) => r.list.id)).toEqual(['w', 'd']);
  });

  it('never loops on a cycle in bad data', () => {
    expect(listTree([l('x', 'X', 'y'), l('y', 'Y', 'x')])).toEqual([]);
  });
});

describe('expandedRows', () => {
  it('hides everything below a collapsed list, and nothing else', () => {
    const rows = listTree(lists);
    expect(shape(expandedRows(rows, new Set(['w'])))).toEqual(['Admin', 'Orphan', 'Website']);
    expect(shape(expandedRows(rows, new Set(['d'])))).toEqual(['Admin', 'Orphan', 'Website', '-Backend', '-Design']);
    expect(expandedRows(rows, new Set())).toEqual(rows);
  });
});

describe('ancestors, descendants, depth and height', () => {
  it('walks up and down the tree', () => {
    expect(ancestorsOf(lists, 'i').map((x) => x.id)).toEqual(['w', 'd']);
    expect(ancestorsOf(lists, 'o')).toEqual([]);
    expect([...descendantIds(lists, 'w')].sort()).toEqual(['b', 'd', 'i']);
    expect(descendantIds(lists, 'i').size).toBe(0);
    expect(depthOf(lists, 'i')).toBe(3);
    expect(heightOf(lists, 'w')).toBe(3);
    expect(heightOf(lists, 'b')).toBe(1);
    expect(listPath(lists, 'i')).toBe('Website / Design / Icons');
    expect(listPath(lists, 'gone')).toBe('a list you cannot see');
  });
});

describe('moveProblem', () => {
  it('refuses moving a list inside itself or its own sub-lists, in the API\'s words', () => {
    expect(moveProblem(lists, 'w', 'w')).toBe('Moving “Website” into “Website” would put the list inside itself (it is the list itself).');
    expect(moveProblem(lists, 'w', 'd')).toBe('Moving “Website” into “Design” would put the list inside itself (“Design” is nested in “Website”).');
    expect(moveProblem(lists, 'w', 'i')).toBe('Moving “Website” into “Icons” would put the list inside itself (“Icons” is nested in “Website”).');
  });

  it('says when the list is there already or the target is unknown', () => {
    expect(moveProblem(lists, 'd', 'w')).toBe('“Design” is already inside “Website”.');
    expect(moveProblem(lists, 'd', 'nope')).toBe('That list is not one you can see.');
    expect(moveProblem(lists, 'nope', null)).toBe('That list is not one you can see.');
  });

  it('allows moving elsewhere, a sub-list up to a grandparent, and a parent into a sibling tree', () => {
    expect(moveProblem(lists, 'i', 'w')).toBeNull();
    expect(moveProblem(lists, 'w', 'a')).toBeNull();
    expect(moveProblem(lists, 'd', 'b')).toBeNull();
  });

  it('allows the top level for any nested list, its parent seen or not, and refuses it for a top-level list', () => {
    expect(moveProblem(lists, 'i', null)).toBeNull();
    expect(moveProblem(lists, 'o', null)).toBeNull();
    expect(moveProblem(lists, 'w', null)).toBe('“Website” is already at the top level.');
  });

  it(`keeps the whole moved branch within ${maxListDepth} levels, in the API's words`, () => {
    const deep = [...chain(8), ...chain(2, 'm')];
    expect(moveProblem(deep, 'm1', 'c8')).toBeNull(); // 8 + 2 = 10 levels
    expect(moveProblem([...chain(9), ...chain(2, 'm')], 'm1', 'c9'))
      .toBe('Moving “m1” into “c9” would nest lists deeper than 10 levels (“c9” is at level 9 and “m1” brings 2 levels with it).');
    expect(moveProblem([...chain(10), l('x', 'X')], 'x', 'c10'))
      .toBe('Moving “X” into “c10” would nest lists deeper than 10 levels (“c10” is at level 10).');
  });
});

describe('moveTargets and createParents', () => {
  it('offers only the places the move would succeed', () => {
    expect(moveTargets(lists, 'w').map((r) => r.list.id)).toEqual(['a', 'o']);
    expect(moveTargets(lists, 'd').map((r) => r.list.id)).toEqual(['a', 'o', 'b']);
  });

  it('offers parents for a new list only above the deepest level', () => {
    const ten = chain(10);
    expect(createParents(ten).map((r) => r.list.id)).toEqual(ten.slice(0, 9).map((x) => x.id));
  });
});

describe('withListFieldNames', () => {
  it('names the fields in words and keeps the API message', () => {
    const refused = new ApiError(400, { title: 'The request is invalid.', errors: { parentId: ['would nest lists deeper than 10 levels (the new parent is at level 10).'] } });
    expect(problemMessages(withListFieldNames(refused))).toEqual(['Parent list: would nest lists deeper than 10 levels (the new parent is at level 10).']);
    const conflict = new ApiError(409, { detail: 'The list has nested lists: move or delete them first.' });
    expect(withListFieldNames(conflict)).toBe(conflict);
  });
});
