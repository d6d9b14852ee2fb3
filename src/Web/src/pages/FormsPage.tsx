import { useCallback, useEffect, useState } from 'react';
import { formsApi } from '../api/forms';
import type { FormTemplateSummary, Me } from '../api/types';
import { ErrorBox } from '../components/ErrorBox';
import { paths } from '../lib/router';
import { relativeTime } from '../lib/time';

/** The organisation's forms: each with its register; administrators design new ones and edit them. */
export function FormsPage({ me }: { me: Me }) {
  const [items, setItems] = useState<FormTemplateSummary[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [archived, setArchived] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async (after: string | null) => {
    setLoading(true);
    try {
      const page = await formsApi.list(after, archived);
      setItems((list) => (after ? [...list, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [archived]);

  useEffect(() => {
    void load(null);
  }, [load]);

  return (
    <div className="page">
      <section className="card">
        <div className="section-head">
          <h1>Forms</h1>
          {me.isAdmin && <a className="btn btn-primary" href={paths.newForm()} data-testid="form-new">New form</a>}
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={archived} data-testid="forms-show-archived" onChange={(e) => setArchived(e.target.checked)} />
          Show archived forms
        </label>
        <ErrorBox error={error} />
        <ul className="task-list" data-testid="forms-list" aria-busy={loading}>
          {items.map((t) => (
            <li key={t.id} className="forms-row" data-testid="forms-item">
              <a href={paths.register(t.id)} className="task-row-link">
                <span className="task-row-title">{t.name}</span>
                <span className="task-row-meta">
                  <span>version {t.version}</span>
                  {t.isArchived && <span className="badge">Archived</span>}
                  {t.updatedAt && <span>changed {relativeTime(t.updatedAt)}</span>}
                </span>
              </a>
              <span className="forms-row-actions">
                <a className="btn btn-secondary" href={paths.register(t.id)} data-testid="forms-register">Register</a>
                <a className="btn btn-ghost" href={paths.form(t.id)} data-testid="forms-edit">{me.isAdmin && !t.isArchived ? 'Edit' : 'View'}</a>
              </span>
            </li>
          ))}
        </ul>
        {loading && <p className="muted">Loading…</p>}
        {!loading && !error && items.length === 0 && (
          <p className="muted empty">{me.isAdmin ? 'No forms yet. Design one with “New form”.' : 'No forms yet.'}</p>
        )}
        {nextCursor && (
          <button type="button" className="btn btn-secondary btn-block" disabled={loading} onClick={() => void load(nextCursor)}>
            Load more
          </button>
        )}
      </section>
    </div>
  );
}
