import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../api/problem';

export const staleMessage = 'This task was changed by someone else — reloaded. Check the changes and try again.';

export type ChangeOutcome = 'done' | 'stale' | 'failed' | 'busy';

/**
 * Runs one change to a task at a time. A 412 (the task moved on since we displayed it) shows
 * a notice and reloads the task; any other failure is kept as `error`.
 */
export function useTaskChange(reload: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const inFlight = useRef(false);

  const run = useCallback(async (action: () => Promise<unknown>): Promise<ChangeOutcome> => {
    if (inFlight.current) return 'busy';
    inFlight.current = true;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await action();
      await reload();
      return 'done';
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        setNotice(staleMessage);
        await reload();
        return 'stale';
      }
      setError(e);
      return 'failed';
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, [reload]);

  return { busy, error, setError, notice, run };
}
