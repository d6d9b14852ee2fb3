import type { DueForm, DueMode } from '../lib/due';

interface Props {
  value: DueForm;
  onChange: (value: DueForm) => void;
  idPrefix: string;
  /** Test id of the day input (kept stable for end-to-end tests). */
  dateTestId?: string;
}

/** No due date, a whole day, or a moment with an optional duration (a meeting). */
export function DueEditor({ value, onChange, idPrefix, dateTestId }: Props) {
  const set = (patch: Partial<DueForm>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="due-editor">
      <legend>Due</legend>
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${idPrefix}-mode`}>Kind</label>
          <select id={`${idPrefix}-mode`} data-testid={`${idPrefix}-mode`} value={value.mode}
            onChange={(e) => set({ mode: e.target.value as DueMode })}>
            <option value="none">No due date</option>
            <option value="date">A day</option>
            <option value="time">A date and time</option>
          </select>
        </div>
        {value.mode === 'date' && (
          <div className="field">
            <label htmlFor={`${idPrefix}-date`}>Day</label>
            <input id={`${idPrefix}-date`} type="date" data-testid={dateTestId ?? `${idPrefix}-date`}
              value={value.date} onChange={(e) => set({ date: e.target.value })} />
          </div>
        )}
        {value.mode === 'time' && (
          <>
            <div className="field">
              <label htmlFor={`${idPrefix}-at`}>Date and time</label>
              <input id={`${idPrefix}-at`} type="datetime-local" data-testid={`${idPrefix}-at`}
                value={value.dateTime} onChange={(e) => set({ dateTime: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`${idPrefix}-duration`}>Duration, min</label>
              <input id={`${idPrefix}-duration`} type="number" min={1} max={20160} placeholder="optional"
                data-testid={`${idPrefix}-duration`} value={value.duration}
                onChange={(e) => set({ duration: e.target.value })} />
            </div>
          </>
        )}
      </div>
    </fieldset>
  );
}
