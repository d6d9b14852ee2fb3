import { describe, expect, it } from 'vitest';
import { parseRoute, paths } from './router';

describe('parseRoute', () => {
  it.each([
    ['', { name: 'tasks' }],
    ['#/', { name: 'tasks' }],
    ['#/tasks', { name: 'tasks' }],
    ['#/tasks/', { name: 'tasks' }],
    ['#/people', { name: 'people' }],
    ['#/cluster', { name: 'cluster' }],
    ['#/cluster?x=1', { name: 'cluster' }],
    ['#/cluster/node-1', { name: 'notFound' }],
    ['#/login', { name: 'login' }],
    ['#/setup', { name: 'setup' }],
    ['#/tasks/0193a1b2-c3d4', { name: 'task', id: '0193a1b2-c3d4' }],
    ['#/tasks/a%2Fb', { name: 'task', id: 'a/b' }],
    ['#/nope', { name: 'notFound' }],
    ['#/tasks/1/2', { name: 'notFound' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('round-trips the cluster path', () => {
    expect(parseRoute(paths.cluster())).toEqual({ name: 'cluster' });
  });

  it('round-trips task paths', () => {
    expect(parseRoute(paths.task('x y/z'))).toEqual({ name: 'task', id: 'x y/z' });
  });
});
