import { describe, expect, it } from 'vitest';
import type { FormTemplateVersionSummary } from '../api/types';
import { appendVersions, versionCounts, versionOf } from './templateVersions';

const v = (version: number): FormTemplateVersionSummary => ({
  version, createdAt: `2026-11-0${version}T10:00:00Z`, createdBy: 'u1', createdByName: 'Ann', fieldCount: 2, stepCount: 1,
});

describe('versionCounts', () => {
  it('uses singulars, plurals and names a missing route', () => {
    expect(versionCounts({ fieldCount: 1, stepCount: 1 })).toBe('1 field · 1 step');
    expect(versionCounts({ fieldCount: 3, stepCount: 2 })).toBe('3 fields · 2 steps');
    expect(versionCounts({ fieldCount: 0, stepCount: 0 })).toBe('0 fields · no approval route');
  });
});

describe('versionOf', () => {
  it('marks the latest version as current', () => {
    expect(versionOf(2, 5)).toBe('Version 2 of 5');
    expect(versionOf(5, 5)).toBe('Version 5 of 5 (current)');
  });
});

describe('appendVersions', () => {
  it('keeps newest first and drops a page loaded twice', () => {
    const first = [v(5), v(4)];
    const more = appendVersions(first, [v(3), v(2)]);
    expect(more.map((x) => x.version)).toEqual([5, 4, 3, 2]);
    expect(appendVersions(more, [v(3), v(2)]).map((x) => x.version)).toEqual([5, 4, 3, 2]);
  });
});
