import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import type { ClusterNode } from '../api/types';
import {
  adminsOnlyMessage, clusterErrorText, formatAgo, formatCpu, formatDuration, formatMemory, formatUptime,
  isAccessDenied, snapshotTime, sortNodes,
} from './cluster';

const node = (id: string, health: ClusterNode['health'] = 'up'): ClusterNode => ({
  id, health, roles: ['web'], address: 'http://10.0.0.1:8080', version: '1.0.0',
  startedAt: '', lastHeartbeatAt: '', cpuPercent: 0, inFlightRequests: 0, openStreams: 0, memoryBytes: 0,
});

const now = new Date('2026-03-10T12:00:00Z');

describe('sortNodes', () => {
  it('puts down nodes first, then orders by id (numbers naturally)', () => {
    const nodes = [node('node-10'), node('node-2', 'down'), node('node-1'), node('node-3', 'down'), node('node-2')];
    expect(sortNodes(nodes).map((n) => `${n.id}:${n.health}`)).toEqual([
      'node-2:down', 'node-3:down', 'node-1:up', 'node-2:up', 'node-10:up',
    ]);
  });

  it('does not modify its input', () => {
    const nodes = [node('b'), node('a')];
    sortNodes(nodes);
    expect(nodes.map((n) => n.id)).toEqual(['b', 'a']);
  });
});

describe('formatMemory', () => {
  it.each([
    [0, '0.0 MB'],
    [1024 * 1024, '1.0 MB'],
    [536_870_912, '512.0 MB'],
    [123_456_789, '117.7 MB'],
    [-1, '—'],
    [Number.NaN, '—'],
  ])('%s → %s', (bytes, text) => {
    expect(formatMemory(bytes)).toBe(text);
  });
});

describe('formatCpu', () => {
  it('uses one decimal', () => {
    expect(formatCpu(12.345)).toBe('12.3 %');
    expect(formatCpu(0)).toBe('0.0 %');
    expect(formatCpu(Number.NaN)).toBe('—');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [45_900, '45 s'],
    [12 * 60_000 + 30_000, '12 min'],
    [3 * 3_600_000, '3 h'],
    [3 * 3_600_000 + 12 * 60_000 + 59_000, '3 h 12 min'],
    [2 * 86_400_000, '2 d'],
    [2 * 86_400_000 + 4 * 3_600_000 + 5 * 60_000, '2 d 4 h'],
    [-5_000, '0 s'],
  ])('%s ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatUptime', () => {
  it('measures from startedAt', () => {
    expect(formatUptime('2026-03-10T08:48:00Z', now)).toBe('3 h 12 min');
    expect(formatUptime('2026-03-10T12:00:05Z', now)).toBe('0 s');
    expect(formatUptime('garbage', now)).toBe('—');
  });
});

describe('formatAgo', () => {
  it.each([
    ['2026-03-10T11:59:58Z', '2 s ago'],
    ['2026-03-10T11:59:58.400Z', '1 s ago'],
    ['2026-03-10T12:00:01Z', '0 s ago'],
    ['2026-03-10T11:55:00Z', '5 min ago'],
    ['2026-03-10T09:00:00Z', '3 h ago'],
    ['2026-03-08T12:00:00Z', '2 d ago'],
    ['', '—'],
  ])('%s → %s', (iso, text) => {
    expect(formatAgo(iso, now)).toBe(text);
  });
});

describe('snapshotTime', () => {
  it('prefers the server time and falls back to the given clock', () => {
    expect(snapshotTime('2026-03-10T12:00:00Z', new Date(0))).toEqual(now);
    expect(snapshotTime(undefined, now)).toBe(now);
    expect(snapshotTime('nope', now)).toBe(now);
  });
});

describe('isAccessDenied', () => {
  it('is true for 401 and 403 only', () => {
    expect(isAccessDenied(new ApiError(401, null))).toBe(true);
    expect(isAccessDenied(new ApiError(403, { title: 'Forbidden', status: 403 }))).toBe(true);
    expect(isAccessDenied(new ApiError(500, null))).toBe(false);
    expect(isAccessDenied(new ApiError(0, null))).toBe(false);
    expect(isAccessDenied(new Error('boom'))).toBe(false);
  });
});

describe('clusterErrorText', () => {
  it('tells a member the view is for administrators instead of the bare "Forbidden" title', () => {
    expect(clusterErrorText(new ApiError(403, { title: 'Forbidden', status: 403 }))).toBe(adminsOnlyMessage);
    expect(adminsOnlyMessage).toMatch(/administrators only/);
  });

  it('shows other problems as the API words them, else a fallback', () => {
    expect(clusterErrorText(new ApiError(503, { title: 'Service Unavailable', detail: 'The database does not answer.' })))
      .toBe('The database does not answer.');
    expect(clusterErrorText(new ApiError(0, null))).toBe('Cannot reach the server. Check your connection.');
    expect(clusterErrorText(new ApiError(500, null))).toBe('Could not load the cluster status.');
  });
});
