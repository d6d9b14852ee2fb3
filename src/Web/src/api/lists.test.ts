import { describe, expect, it } from 'vitest';
import { listTasksPath } from './lists';

describe('listTasksPath', () => {
  it('asks for nested lists only when told to, after the cursor', () => {
    expect(listTasksPath('l/1', null, 50, false)).toBe('/api/v1/lists/l%2F1/tasks?limit=50');
    expect(listTasksPath('l1', 'c:1', 20, true)).toBe('/api/v1/lists/l1/tasks?limit=20&after=c%3A1&includeNested=true');
  });
});
