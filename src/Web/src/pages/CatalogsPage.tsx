import { useCallback, useEffect, useState } from 'react';
import { catalogsApi } from '../api/catalogs';
import type { CatalogInput, CatalogSummary, Me } from '../api/types';
import { CatalogForm } from '../components/CatalogForm';
import { ErrorBox } from '../components/ErrorBox';
import { navigate, paths } from '../lib/router';
import { relativeTime } from '../lib/time';
import { useSubmit } from '../lib/useSubmit';

/** Catalogs (reference tables): the list, and for administrators a form to create one. */
export function CatalogsPage({ me }: { me: Me }) {
  const [items, setItems] = useState<CatalogSummary[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const create = useSubmit();

  const load = useCallback(async (after: string | null) => {
    try {
      const page = await catalogsApi.list(after);
      setItems((list) => (after ? [...list, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(null);
  }, [load]);

  const onCreate = (input: CatalogInput) => {
    void create.run(async () => {
      const catalog = await catalogsApi.create(input);
      navigate(paths.catalog(catalog.id));
    });
  };

  return (
    <div className="page">
      <section className="card">
        <div className="section-head">
          <h1>Catalogs</h1>
          {me.isAdmin && !creating && (
            <button type="button" className="btn btn-primary" data-testid="catalog-new" onClick={() => setCreating(true)}>
              New catalog
            </button>
          )}
        </div>
        {creating && (
          <CatalogForm withName busy={create.busy} error={create.error} submitLabel="Create catalog"
            onSubmit={onCreate} onCancel={() => setCreating(false)} />
        )}
        <ErrorBox error={error} />
        <ul className="task-list" data-testid="catalog-list" aria-busy={loading}>
          {items.map((c) => (
            <li key={c.id} className="task-row" data-testid="catalog-item">
              <a href={paths.catalog(c.id)} className="task-row-link">
                <span className="task-row-title">{c.name}</span>
                <span className="task-row-meta">
                  <span>{c.itemCount === 1 ? '1 item' : `${c.itemCount} items`}</span>
                  <span>version {c.version}</span>
                  <span>updated {relativeTime(c.updatedAt)}</span>
                </span>
              </a>
            </li>
          ))}
        </ul>
        {loading && <p className="muted">Loading…</p>}
        {!loading && !error && items.length === 0 && <p className="muted empty">No catalogs yet.</p>}
        {nextCursor && (
          <button type="button" className="btn btn-secondary btn-block" onClick={() => void load(nextCursor)}>
            Load more
          </button>
        )}
      </section>
    </div>
  );
}
