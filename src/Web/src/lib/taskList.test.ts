import { describe, expect, it } from 'vitest';
import type { TaskSummary } from '../api/types';
import { appendPage, emptyTaskList, prependTask, refreshFirstPage } from './taskList';

const t = (id: string): TaskSummary => ({
  id, title: id, authorId: 'a', assigneeId: null, createdAt: '', updatedAt: '', commentCount: 0,
});
const ids = (items: TaskSummary[]) => items.map((x) => x.id);

describe('task list paging', () => {
  it('appends pages without duplicates', () => {
    const one = appendPage(emptyTaskList, { items: [t('1'), t('2')], nextCursor: 'c1' });
    const two = appendPage(one, { items: [t('2'), t('3')], nextCursor: null });
    expect(ids(two.items)).toEqual(['1', '2', '3']);
    expect(two.nextCursor).toBeNull();
    expect(two.pages).toBe(2);
  });

  it('replaces a single page on refresh', () => {
    const one = appendPage(emptyTaskList, { items: [t('1'), t('2')], nextCursor: 'c1' });
    const fresh = refreshFirstPage(one, { items: [t('3'), t('1')], nextCursor: 'c9' });
    expect(ids(fresh.items)).toEqual(['3', '1']);
    expect(fresh.nextCursor).toBe('c9');
  });

  it('keeps loaded older pages and their cursor on refresh', () => {
    const one = appendPage(emptyTaskList, { items: [t('1'), t('2')], nextCursor: 'c1' });
    const two = appendPage(one, { items: [t('3'), t('4')], nextCursor: 'c2' });
    const fresh = refreshFirstPage(two, { items: [t('4'), t('1')], nextCursor: 'x' });
    expect(ids(fresh.items)).toEqual(['4', '1', '2', '3']);
    expect(fresh.nextCursor).toBe('c2');
  });

  it('puts a created task on top', () => {
    const one = appendPage(emptyTaskList, { items: [t('1')], nextCursor: null });
    expect(ids(prependTask(one, t('2')).items)).toEqual(['2', '1']);
  });
});
