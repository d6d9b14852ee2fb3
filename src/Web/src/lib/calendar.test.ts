import { describe, expect, it } from 'vitest';
import { addMonths, formatMonth, gridRange, groupByDay, itemDay, monthGrid, monthTitle, parseMonth } from './calendar';

describe('calendar month math', () => {
  it('moves across years', () => {
    expect(addMonths({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
    expect(addMonths({ year: 2026, month: 5 }, -17)).toEqual({ year: 2024, month: 12 });
    expect(monthTitle({ year: 2026, month: 5 })).toBe('May 2026');
  });

  it('parses and formats the URL form', () => {
    expect(parseMonth('2026-05')).toEqual({ year: 2026, month: 5 });
    expect(parseMonth('2026-13')).toBeNull();
    expect(parseMonth(undefined)).toBeNull();
    expect(formatMonth({ year: 2026, month: 5 })).toBe('2026-05');
  });

  it('builds whole Monday-first weeks', () => {
    // May 2026 starts on a Friday and ends on a Sunday.
    const grid = monthGrid({ year: 2026, month: 5 });
    expect(grid).toHaveLength(5);
    expect(grid.every((w) => w.length === 7)).toBe(true);
    expect(grid[0]?.[0]).toEqual({ date: '2026-04-27', day: 27, inMonth: false });
    expect(grid[0]?.[4]).toEqual({ date: '2026-05-01', day: 1, inMonth: true });
    expect(gridRange(grid)).toEqual({ from: '2026-04-27', to: '2026-05-31' });
  });

  it('handles a month starting on Monday and a six-week month', () => {
    expect(monthGrid({ year: 2026, month: 6 })[0]?.[0]?.date).toBe('2026-06-01');
    const aug = monthGrid({ year: 2026, month: 8 }); // starts on a Saturday, 31 days
    expect(aug).toHaveLength(6);
    expect(gridRange(aug)).toEqual({ from: '2026-07-27', to: '2026-09-06' });
  });

  it('groups items by their due day, all-day first', () => {
    const at = new Date(2026, 4, 3, 9, 0).toISOString();
    const later = new Date(2026, 4, 3, 15, 0).toISOString();
    const items = [
      { title: 'b', dueDate: null, dueAt: later },
      { title: 'a', dueDate: null, dueAt: at },
      { title: 'z', dueDate: '2026-05-03', dueAt: null },
      { title: 'none', dueDate: null, dueAt: null },
    ];
    const byDay = groupByDay(items);
    expect([...byDay.keys()]).toEqual(['2026-05-03']);
    expect(byDay.get('2026-05-03')!.map((i) => i.title)).toEqual(['z', 'a', 'b']);
    expect(itemDay({ dueDate: null, dueAt: 'bad' })).toBeNull();
  });
});
