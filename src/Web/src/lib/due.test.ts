import { describe, expect, it } from 'vitest';
import {
  describeDue, dueForm, duePatch, formatDay, formatDueText, formatDuration, formatMoment, sameDue, toLocalInput,
} from './due';

const local = new Date(2026, 4, 1, 14, 30).toISOString();

describe('formatting', () => {
  it('formats days, moments and durations', () => {
    expect(formatDay('2026-05-01')).toBe('1 May 2026');
    expect(formatDay('garbage')).toBe('garbage');
    expect(formatMoment(local)).toBe('1 May 2026, 14:30');
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(120)).toBe('2 h');
    expect(formatDuration(90)).toBe('1 h 30 min');
  });

  it('describes a due', () => {
    expect(describeDue({ dueDate: '2026-12-31' })).toBe('31 Dec 2026');
    expect(describeDue({ dueAt: local, durationMinutes: 60 })).toBe('1 May 2026, 14:30 (1 h)');
    expect(describeDue({ dueDate: null, dueAt: null })).toBeNull();
  });

  it('reads the due text of history entries', () => {
    expect(formatDueText('2026-05-01')).toBe('1 May 2026');
    expect(formatDueText(`${local} (30 min)`)).toBe('1 May 2026, 14:30 (30 min)');
    expect(formatDueText(local)).toBe('1 May 2026, 14:30');
  });
});

describe('due form', () => {
  it('round-trips a moment through the datetime-local value', () => {
    const form = dueForm({ dueAt: local, durationMinutes: 30 });
    expect(form).toEqual({ mode: 'time', date: '', dateTime: toLocalInput(local), duration: '30' });
    expect(duePatch(form)).toEqual({ dueDate: null, dueAt: local, durationMinutes: 30 });
  });

  it('builds day and cleared dues, and rejects incomplete ones', () => {
    expect(duePatch({ mode: 'date', date: '2026-05-01', dateTime: '', duration: '' }))
      .toEqual({ dueDate: '2026-05-01', dueAt: null, durationMinutes: null });
    expect(duePatch({ mode: 'none', date: 'x', dateTime: '', duration: '' }))
      .toEqual({ dueDate: null, dueAt: null, durationMinutes: null });
    expect(() => duePatch({ mode: 'date', date: '', dateTime: '', duration: '' })).toThrow(/due date/);
    expect(() => duePatch({ mode: 'time', date: '', dateTime: '2026-05-01T10:00', duration: '0' })).toThrow(/minutes/);
  });

  it('compares dues', () => {
    expect(sameDue({ dueAt: '2026-05-01T10:00:00Z', durationMinutes: null },
      { dueDate: null, dueAt: '2026-05-01T10:00:00.000Z', durationMinutes: null })).toBe(true);
    expect(sameDue({ dueDate: '2026-05-01' }, { dueDate: '2026-05-02', dueAt: null, durationMinutes: null })).toBe(false);
  });
});
