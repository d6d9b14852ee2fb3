import { describe, expect, it } from 'vitest';
import { relativeTime } from './time';

const now = new Date('2026-03-10T12:00:00Z');

describe('relativeTime', () => {
  it.each([
    ['2026-03-10T11:59:30Z', 'just now'],
    ['2026-03-10T11:55:00Z', '5 min ago'],
    ['2026-03-10T09:00:00Z', '3 h ago'],
    ['2026-03-08T12:00:00Z', '2 d ago'],
  ])('%s → %s', (iso, text) => {
    expect(relativeTime(iso, now)).toBe(text);
  });

  it('shows a date for older times and nothing for garbage', () => {
    expect(relativeTime('2025-01-01T00:00:00Z', now)).toMatch(/2025/);
    expect(relativeTime('not a date', now)).toBe('');
  });
});
