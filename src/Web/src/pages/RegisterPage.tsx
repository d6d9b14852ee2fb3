import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formsApi } from '../api/forms';
import { ApiError } from '../api/problem';
import type { FormTemplate, FormTemplateSummary, RegisterItem } from '../api/types';
import { ErrorBox } from '../components/ErrorBox';
import { RegisterFilterForm } from '../components/RegisterFilterForm';
import { formatValue, routeStatusLabel } from '../lib/formValues';
import type { RegisterSort } from '../lib/register';
import { isSortable, nextSort, parseRegisterQuery, registerColumns, registerQuery } from '../lib/register';
import { navigate, paths } from '../lib/router';
import { fullTime, relativeTime } from '../lib/time';
import { useUsers } from '../lib/users';

const pageSize = 50;

/**
 * A form's register: its tasks as a table, filtered and sorted by the URL's query (a click on a
 * column header sorts by it, a second click reverses), paged with "Load more", exported as CSV.
 */
export function RegisterPage({ id, query }: { id: string; query: string }) {
  const { nameOf } = useUsers();
  const [template, setTemplate] = useState<FormTemplate | null>(null);
  const [forms, setForms] = useState<FormTemplateSummary[]>([]);
  const [items, setItems] = useState<RegisterItem[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);

  useEffect(() => {
    let live = true;
    setTemplate(null);
    formsApi.get(id).then((t) => { if (live) setTemplate(t); }, (e: unknown) => { if (live) setError(e); });
    formsApi.list(null, false, 200).then((page) => { if (live) setForms(page.items); }, () => undefined);
    return () => { live = false; };
  }, [id]);

  const fields = template?.fields;
  const filters = useMemo(() => (fields ? parseRegisterQuery(query, fields) : null), [fields, query]);
  // What is sent is rebuilt from the parsed filters: a hand-edited URL cannot smuggle other parameters in.
  const apiQuery = useMemo(() => (filters && fields ? registerQuery(filters, fields).query : null), [filters, fields]);

  const load = useCallback(async (after: string | null) => {
    if (apiQuery === null) return;
    const mine = ++seq.current;
    setLoading(true);
    try {
      const page = await formsApi.register(id, apiQuery, after, pageSize);
      if (mine !== seq.current) return;
      setItems((list) => (after ? [...list, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      if (mine === seq.current) setError(e);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [id, apiQuery]);

  useEffect(() => {
    void load(null);
  }, [load]);

  if (error instanceof ApiError && error.status === 404 && !template) {
    return <div className="page card"><h1>Form not found</h1><a href={paths.forms()}>← Forms</a></div>;
  }
  if (!template || !filters || apiQuery === null) {
    return <div className="page">{error ? <ErrorBox error={error} /> : <p className="muted">Loading…</p>}</div>;
  }

  const columns = registerColumns(template.fields);
  const sortBy = (sort: RegisterSort) => {
    const next = registerQuery({ ...filters, ...nextSort(filters, sort) }, template.fields).query;
    navigate(paths.register(id, next));
  };
  const sortHeader = (sort: RegisterSort, label: string, key?: string) => {
    const active = filters.sort === sort;
    const ascending = filters.order === 'asc';
    const next = nextSort(filters, sort).order === 'asc' ? 'ascending' : 'descending';
    return (
      <th key={key} aria-sort={active ? (ascending ? 'ascending' : 'descending') : undefined}>
        <button type="button" className="sort-button" data-testid={`register-sort-${sort}`} onClick={() => sortBy(sort)}
          title={`Sort by ${label.toLowerCase()}, ${next}`}>
          {label}{active ? (ascending ? ' ↑' : ' ↓') : ''}
        </button>
      </th>
    );
  };

  return (
    <div className="page page-wide">
      <a className="back-link" href={paths.forms()}>← Forms</a>
      <section className="card">
        <div className="section-head">
          <h1 data-testid="register-title">Register: {template.name}</h1>
          <span className="actions">
            <label htmlFor="register-form" className="sr-only">Form</label>
            <select id="register-form" data-testid="register-form-select" value={id} className="inline-select"
              onChange={(e) => navigate(paths.register(e.target.value))}>
              {!forms.some((f) => f.id === id) && <option value={id}>{template.name}</option>}
              {forms.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
            </select>
            <a className="btn btn-secondary" data-testid="register-csv" href={formsApi.registerCsvUrl(id, apiQuery)} download
              title="The filtered rows (up to 10,000) with one column per field">Download CSV</a>
          </span>
        </div>
        <p className="muted">
          Version {template.version}{template.isArchived ? ' · archived' : ''} · columns follow the current version;
          {' '}tasks on older versions show the fields they share with it.
        </p>
        <RegisterFilterForm key={query} fields={template.fields} applied={filters}
          onApply={(q) => navigate(paths.register(id, q))} />
        <ErrorBox error={error} testId="register-error" />
        <div className="table-scroll">
          <table className="cluster-table register-table" data-testid="register-table" aria-busy={loading}>
            <thead>
              <tr>
                {sortHeader('title', 'Task')}
                <th>State</th>
                {sortHeader('created', 'Created')}
                {sortHeader('updated', 'Updated')}
                {columns.map((f) => (isSortable(f) ? sortHeader(`f.${f.code}`, f.label, f.code) : <th key={f.code}>{f.label}</th>))}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} data-testid="register-row">
                  <td><a href={paths.task(item.id)} data-testid="register-task-link">{item.title}</a></td>
                  <td>
                    {item.closedAt ? <span className="badge badge-closed">Closed</span> : 'Open'}
                    {/* Step 0 = a form without an approval route. */}
                    {item.routeStatus && !!item.step && (
                      <span className="muted register-route">
                        {' · '}{item.routeStatus === 'in_progress' ? `step ${item.step}` : routeStatusLabel(item.routeStatus)}
                      </span>
                    )}
                  </td>
                  <td title={fullTime(item.createdAt)}>{relativeTime(item.createdAt)}</td>
                  <td title={fullTime(item.updatedAt)}>{relativeTime(item.updatedAt)}</td>
                  {columns.map((f) => <td key={f.code}>{formatValue(f, item.values[f.code], nameOf)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {loading && <p className="muted">Loading…</p>}
        {!loading && !error && items.length === 0 && <p className="muted empty" data-testid="register-empty">No tasks match.</p>}
        {nextCursor && (
          <button type="button" className="btn btn-secondary btn-block" data-testid="register-more" disabled={loading}
            onClick={() => void load(nextCursor)}>
            {loading ? 'Loading…' : 'Load more'}
          </button>
        )}
      </section>
    </div>
  );
}
