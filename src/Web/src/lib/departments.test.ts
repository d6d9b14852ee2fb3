import { describe, expect, it } from 'vitest';
import type { Department } from '../api/types';
import { departmentTree, membershipChange, parentChoices } from './departments';

const d = (id: string, name: string, parentId: string | null = null): Department => ({ id, name, parentId, headUserId: null, memberIds: [] });
const items = [d('s', 'Sales'), d('f', 'Finance'), d('a', 'Accounting', 'f'), d('p', 'Payroll', 'a'), d('e', 'Export', 's'), d('o', 'Orphan', 'gone')];

describe('departmentTree', () => {
  it('orders depth-first with siblings by name', () => {
    expect(departmentTree(items).map((r) => `${'-'.repeat(r.depth)}${r.department.name}`))
      .toEqual(['Finance', '-Accounting', '--Payroll', 'Orphan', 'Sales', '-Export']);
  });
});

describe('parentChoices', () => {
  it('leaves out the department and its descendants', () => {
    expect(parentChoices(items, 'f').map((r) => r.department.id)).toEqual(['o', 's', 'e']);
    expect(parentChoices(items, null)).toHaveLength(6);
  });
});

describe('membershipChange', () => {
  it('tells added from removed members', () => {
    expect(membershipChange(['a', 'b'], ['b', 'c'])).toEqual({ added: ['c'], removed: ['a'] });
    expect(membershipChange([], [])).toEqual({ added: [], removed: [] });
  });
});
