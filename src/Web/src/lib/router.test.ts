import { describe, expect, it } from 'vitest';
import { parseRoute, paths } from './router';

describe('parseRoute', () => {
  it.each([
    ['', { name: 'inbox' }],
    ['#/', { name: 'inbox' }],
    ['#/inbox', { name: 'inbox' }],
    ['#/calendar', { name: 'calendar', month: null }],
    ['#/calendar/2026-05', { name: 'calendar', month: '2026-05' }],
    ['#/calendar/junk', { name: 'calendar', month: null }],
    ['#/catalogs', { name: 'catalogs' }],
    ['#/catalogs/0195-abc', { name: 'catalog', id: '0195-abc' }],
    ['#/tasks', { name: 'tasks' }],
    ['#/tasks/', { name: 'tasks' }],
    ['#/people', { name: 'people' }],
    ['#/forms', { name: 'forms' }],
    ['#/forms/new', { name: 'formNew' }],
    ['#/forms/0195-abc', { name: 'form', id: '0195-abc' }],
    ['#/forms/0195-abc/register', { name: 'register', id: '0195-abc', query: '' }],
    ['#/forms/0195-abc/register?status=open&f.x=a%20b', { name: 'register', id: '0195-abc', query: 'status=open&f.x=a%20b' }],
    ['#/forms/0195-abc/other', { name: 'notFound' }],
    ['#/cluster', { name: 'cluster' }],
    ['#/cluster?x=1', { name: 'cluster' }],
    ['#/cluster/node-1', { name: 'notFound' }],
    ['#/login', { name: 'login' }],
    ['#/setup', { name: 'setup' }],
    ['#/tasks/0193a1b2-c3d4', { name: 'task', id: '0193a1b2-c3d4' }],
    ['#/tasks/a%2Fb', { name: 'task', id: 'a/b' }],
    ['#/nope', { name: 'notFound' }],
    ['#/tasks/1/2', { name: 'notFound' }],
    ['#/lists', { name: 'lists' }],
    ['#/lists/0195-abc', { name: 'list', id: '0195-abc' }],
    ['#/lists/0195-abc/tasks', { name: 'notFound' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('round-trips the cluster path', () => {
    expect(parseRoute(paths.cluster())).toEqual({ name: 'cluster' });
  });

  it('round-trips list paths', () => {
    expect(parseRoute(paths.lists())).toEqual({ name: 'lists' });
    expect(parseRoute(paths.list('a/b c'))).toEqual({ name: 'list', id: 'a/b c' });
  });

  it('round-trips task paths', () => {
    expect(parseRoute(paths.task('x y/z'))).toEqual({ name: 'task', id: 'x y/z' });
  });
});
