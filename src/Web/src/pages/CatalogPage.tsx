import { useCallback, useEffect, useState } from 'react';
import { catalogsApi } from '../api/catalogs';
import { ApiError } from '../api/problem';
import type { CatalogChangeResult, CatalogDetails, CatalogInput, CatalogItem, Me } from '../api/types';
import { CatalogForm } from '../components/CatalogForm';
import { CatalogItemsTable } from '../components/CatalogItemsTable';
import { ErrorBox } from '../components/ErrorBox';
import type { CatalogDraft } from '../lib/catalogInput';
import { toTsv } from '../lib/delimited';
import { navigate, paths } from '../lib/router';
import { useSubmit } from '../lib/useSubmit';

const pageSize = 100;

/** One catalog: its items page by page; administrators edit it as a full sync or delete it. */
export function CatalogPage({ id, me }: { id: string; me: Me }) {
  const [catalog, setCatalog] = useState<CatalogDetails | null>(null);
  const [items, setItems] = useState<CatalogItem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [draft, setDraft] = useState<CatalogDraft | null>(null);
  const [result, setResult] = useState<CatalogChangeResult | null>(null);
  const save = useSubmit();

  const load = useCallback(async (after: string | null) => {
    try {
      const page = await catalogsApi.get(id, after, pageSize);
      setCatalog(page);
      setItems((list) => (after ? [...list, ...page.items] : page.items));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [id]);

  useEffect(() => {
    void load(null);
  }, [load]);

  /** A full sync needs every item in the form: read all pages (5000 at a time). */
  const startEditing = () => void save.run(async () => {
    let page = await catalogsApi.get(id, null, 5000);
    const all = [...page.items];
    while (page.nextCursor) {
      page = await catalogsApi.get(id, page.nextCursor, 5000);
      all.push(...page.items);
    }
    setCatalog(page);
    setDraft({
      columns: page.headers.map((h) => h.name).join(', '),
      rows: toTsv(all.map((i) => i.values)),
      firstRowIsHeader: false,
    });
  });

  const sync = (input: CatalogInput) => {
    if (!catalog) return;
    void save.run(async () => {
      try {
        setResult(await catalogsApi.sync(id, input, catalog.version));
        setDraft(null);
      } finally {
        await load(null);
      }
    });
  };

  const remove = () => {
    if (!catalog || !window.confirm(`Delete the catalog “${catalog.name}” and all its items?`)) return;
    void save.run(async () => {
      await catalogsApi.remove(id, catalog.version);
      navigate(paths.catalogs());
    });
  };

  if (error instanceof ApiError && error.status === 404) {
    return <div className="page card"><h1>Catalog not found</h1><a href={paths.catalogs()}>← Catalogs</a></div>;
  }
  if (!catalog) return <div className="page">{error ? <ErrorBox error={error} /> : <p className="muted">Loading…</p>}</div>;

  const stale = save.error instanceof ApiError && save.error.status === 412;
  return (
    <div className="page">
      <a className="back-link" href={paths.catalogs()}>← Catalogs</a>
      <section className="card">
        <div className="section-head">
          <h1 data-testid="catalog-title">{catalog.name}</h1>
          {me.isAdmin && !draft && (
            <span className="actions">
              <button type="button" className="btn btn-secondary" data-testid="catalog-edit" onClick={startEditing}
                disabled={save.busy}>Edit</button>
              <button type="button" className="btn btn-ghost" data-testid="catalog-delete" onClick={remove}
                disabled={save.busy}>Delete</button>
            </span>
          )}
        </div>
        <p className="muted">{catalog.itemCount} items · version {catalog.version} · the first column is the key</p>
        {result && (
          <div className="alert alert-info" role="status" data-testid="catalog-result">
            Saved: {result.added} added, {result.updated} updated, {result.deleted} deleted, {result.unchanged} unchanged.
          </div>
        )}
        {stale
          ? <ErrorBox error="Someone changed this catalog meanwhile — it has been reloaded. Edit it again." />
          : <ErrorBox error={save.error} />}
        {draft
          ? <CatalogForm withName={false} initial={draft} busy={save.busy} error={null} submitLabel="Save (full sync)"
              onSubmit={sync} onCancel={() => setDraft(null)} />
          : <CatalogItemsTable headers={catalog.headers} items={items} more={!!catalog.nextCursor}
              onMore={() => void load(catalog.nextCursor)} />}
      </section>
    </div>
  );
}
