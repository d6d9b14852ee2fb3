import type { Due } from '../api/types';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-05-01" → "1 May 2026" (a calendar day: no time zone involved). */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return `${Number(m[3])} ${months[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** An ISO moment in the browser's time zone: "1 May 2026, 14:30". */
export function formatMoment(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  return `${t.getDate()} ${months[t.getMonth()]} ${t.getFullYear()}, ${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

/** 90 → "1 h 30 min", 45 → "45 min", 120 → "2 h". */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** A task's due as one phrase, or null when it has none. */
export function describeDue(due: Partial<Due>): string | null {
  if (due.dueDate) return formatDay(due.dueDate);
  if (due.dueAt) {
    return formatMoment(due.dueAt) + (due.durationMinutes ? ` (${formatDuration(due.durationMinutes)})` : '');
  }
  return null;
}

/** The due as the history records it: "2026-05-01" or "<ISO moment>" + optional " (60 min)". */
export function formatDueText(text: string): string {
  const m = /^(\S+?)(?: \((\d+) min\))?$/.exec(text.trim());
  if (!m) return text;
  const value = m[1] ?? '';
  const minutes = m[2];
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value);
  return describeDue({ dueAt: value, durationMinutes: minutes ? Number(minutes) : null }) ?? text;
}

export type DueMode = 'none' | 'date' | 'time';

/** What the due editor holds: the values of a date input, a datetime-local input and a duration. */
export interface DueForm {
  mode: DueMode;
  date: string;
  dateTime: string;
  duration: string;
}

/** ISO moment → value of an `<input type="datetime-local">` in the browser's time zone. */
export function toLocalInput(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return '';
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}T${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

export function dueForm(due: Partial<Due>): DueForm {
  return {
    mode: due.dueDate ? 'date' : due.dueAt ? 'time' : 'none',
    date: due.dueDate ?? '',
    dateTime: due.dueAt ? toLocalInput(due.dueAt) : '',
    duration: due.durationMinutes ? String(due.durationMinutes) : '',
  };
}

/** The request fields for a due form; throws a readable Error when it is incomplete. */
export function duePatch(form: DueForm): Due {
  if (form.mode === 'date') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date)) throw new Error('Pick the due date.');
    return { dueDate: form.date, dueAt: null, durationMinutes: null };
  }
  if (form.mode === 'time') {
    const t = new Date(form.dateTime);
    if (!form.dateTime || Number.isNaN(t.getTime())) throw new Error('Pick the due date and time.');
    const minutes = form.duration.trim() === '' ? null : Number(form.duration);
    if (minutes !== null && (!Number.isInteger(minutes) || minutes < 1 || minutes > 20160)) {
      throw new Error('The duration is a whole number of minutes between 1 and 20160.');
    }
    return { dueDate: null, dueAt: t.toISOString(), durationMinutes: minutes };
  }
  return { dueDate: null, dueAt: null, durationMinutes: null };
}

/** True when the form describes the same due as the task already has. */
export function sameDue(a: Partial<Due>, b: Due): boolean {
  const at = (s: string | null | undefined) => (s ? new Date(s).getTime() : null);
  return (a.dueDate ?? null) === b.dueDate && at(a.dueAt) === at(b.dueAt)
    && (a.dueAt ? (a.durationMinutes ?? null) : null) === (b.dueAt ? b.durationMinutes : null);
}
