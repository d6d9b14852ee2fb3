import type { CalendarItem } from '../api/types';

export interface Month {
  year: number;
  /** 1–12 */
  month: number;
}

export interface GridDay {
  date: string;
  day: number;
  inMonth: boolean;
}

const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
export const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const pad = (n: number) => String(n).padStart(2, '0');

/** A local date as yyyy-MM-dd. */
export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function monthOf(d: Date): Month {
  return { year: d.getFullYear(), month: d.getMonth() + 1 };
}

export function addMonths(m: Month, n: number): Month {
  const index = m.year * 12 + (m.month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export function monthTitle(m: Month): string {
  return `${names[m.month - 1]} ${m.year}`;
}

/** `2026-05` (for the URL) ⇄ Month; null when malformed. */
export function parseMonth(s: string | null | undefined): Month | null {
  const m = /^(\d{4})-(\d{2})$/.exec(s ?? '');
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  return { year: Number(m[1]), month: Number(m[2]) };
}

export const formatMonth = (m: Month) => `${m.year}-${pad(m.month)}`;

/** Whole weeks (Monday first) covering the month, days of the neighbouring months included. */
export function monthGrid(m: Month): GridDay[][] {
  const first = new Date(m.year, m.month - 1, 1);
  const offset = (first.getDay() + 6) % 7;
  const cursor = new Date(m.year, m.month - 1, 1 - offset);
  const weeks: GridDay[][] = [];
  do {
    const week: GridDay[] = [];
    for (let i = 0; i < 7; i++) {
      week.push({ date: isoDay(cursor), day: cursor.getDate(), inMonth: cursor.getMonth() === m.month - 1 });
      cursor.setDate(cursor.getDate() + 1);
    }
    weeks.push(week);
  } while (cursor.getMonth() === m.month - 1);
  return weeks;
}

/** The first and last day shown by a grid (to ask the server for exactly that range). */
export function gridRange(grid: GridDay[][]): { from: string; to: string } {
  const days = grid.flat();
  return { from: days[0]?.date ?? '', to: days[days.length - 1]?.date ?? '' };
}

/** The local day an item is due on. */
export function itemDay(item: Pick<CalendarItem, 'dueDate' | 'dueAt'>): string | null {
  if (item.dueDate) return item.dueDate;
  if (item.dueAt) {
    const t = new Date(item.dueAt);
    return Number.isNaN(t.getTime()) ? null : isoDay(t);
  }
  return null;
}

/** Items by due day; all-day items first, then by time, then by title. */
export function groupByDay<T extends Pick<CalendarItem, 'dueDate' | 'dueAt' | 'title'>>(items: readonly T[]): Map<string, T[]> {
  const byDay = new Map<string, T[]>();
  for (const item of items) {
    const day = itemDay(item);
    if (!day) continue;
    byDay.set(day, [...(byDay.get(day) ?? []), item]);
  }
  const time = (i: T) => (i.dueAt ? Date.parse(i.dueAt) : -Infinity);
  for (const list of byDay.values()) {
    list.sort((a, b) => (time(a) - time(b)) || a.title.localeCompare(b.title));
  }
  return byDay;
}
