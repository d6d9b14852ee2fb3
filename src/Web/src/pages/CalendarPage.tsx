import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/client';
import type { CalendarItem } from '../api/types';
import { ErrorBox } from '../components/ErrorBox';
import {
  addMonths, formatMonth, gridRange, groupByDay, isoDay, monthGrid, monthOf, monthTitle, parseMonth, weekdays,
} from '../lib/calendar';
import { formatDuration } from '../lib/due';
import { useServerEvents } from '../lib/events';
import { paths } from '../lib/router';

const timeOf = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** Month grid of the tasks I take part in, on their due days. The month is in the URL. */
export function CalendarPage({ month }: { month: string | null }) {
  const shown = useMemo(() => parseMonth(month) ?? monthOf(new Date()), [month]);
  const grid = useMemo(() => monthGrid(shown), [shown]);
  const [items, setItems] = useState<CalendarItem[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    const { from, to } = gridRange(grid);
    try {
      const page = await api.calendar(from, to);
      if (mine !== seq.current) return;
      setItems(page.items);
      setError(null);
    } catch (e) {
      if (mine === seq.current) setError(e);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [grid]);

  useEffect(() => {
    setLoading(true);
    void load();
  }, [load]);
  useServerEvents(() => void load());

  const byDay = useMemo(() => groupByDay(items), [items]);
  const today = isoDay(new Date());

  return (
    <div className="page">
      <section className="card">
        <div className="calendar-head">
          <a className="btn btn-secondary" href={paths.calendar(formatMonth(addMonths(shown, -1)))}
            data-testid="calendar-prev" aria-label="Previous month">←</a>
          <h1 data-testid="calendar-month">{monthTitle(shown)}</h1>
          <a className="btn btn-secondary" href={paths.calendar(formatMonth(addMonths(shown, 1)))}
            data-testid="calendar-next" aria-label="Next month">→</a>
          <a className="btn btn-ghost" href={paths.calendar(formatMonth(monthOf(new Date())))}>Today</a>
          {loading && <span className="muted">Loading…</span>}
        </div>
        <ErrorBox error={error} />
        <div className="calendar-grid" data-testid="calendar-grid" role="grid">
          {weekdays.map((d) => <div key={d} className="calendar-weekday" role="columnheader">{d}</div>)}
          {grid.flat().map((day) => (
            <div key={day.date} role="gridcell" data-date={day.date}
              className={['calendar-day', day.inMonth ? '' : 'other-month', day.date === today ? 'today' : '']
                .filter(Boolean).join(' ')}>
              <span className="calendar-day-number">{day.day}</span>
              {(byDay.get(day.date) ?? []).map((item) => (
                <a key={item.id} href={paths.task(item.id)} data-testid="calendar-item"
                  className={item.closedAt ? 'calendar-item closed' : 'calendar-item'}
                  title={item.title + (item.durationMinutes ? ` (${formatDuration(item.durationMinutes)})` : '')}>
                  {item.dueAt && <span className="calendar-time">{timeOf(item.dueAt)}</span>} {item.title}
                </a>
              ))}
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}
