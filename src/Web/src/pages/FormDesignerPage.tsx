import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { catalogsApi } from '../api/catalogs';
import { formsApi } from '../api/forms';
import { peopleApi } from '../api/people';
import { ApiError } from '../api/problem';
import type { CatalogSummary, FormTemplate, FormTemplateVersionSummary, Me, NamedRef } from '../api/types';
import { ErrorBox } from '../components/ErrorBox';
import { Field } from '../components/Field';
import { FieldEditor } from '../components/designer/FieldEditor';
import { Errors, invalid } from '../components/designer/PathErrors';
import { RouteEditor } from '../components/designer/RouteEditor';
import { navigate, paths } from '../lib/router';
import { appendVersions, versionCounts, versionOf } from '../lib/templateVersions';
import { fullTime, relativeTime } from '../lib/time';
import type { PathErrors, TemplateDraft } from '../lib/templateDraft';
import { describePath, draftFromTemplate, emptyTemplate, move, newField, pathErrors, templateInput } from '../lib/templateDraft';
import { useSubmit } from '../lib/useSubmit';
import { useUsers } from '../lib/users';

/** A random Idempotency-Key; getRandomValues also works on plain-HTTP installations (randomUUID does not). */
function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The form designer: fields, route and rules of a template. Organisation admins create and change
 * templates (each save is a new immutable version; tasks keep the version they were created
 * with); everyone else sees the current version read-only. Any earlier version can be opened
 * read-only from the Versions panel.
 */
export function FormDesignerPage({ id, me }: { id: string | null; me: Me }) {
  const { users, nameOf } = useUsers();
  const [saved, setSaved] = useState<FormTemplate | null>(null);
  const [draft, setDraft] = useState<TemplateDraft | null>(id ? null : emptyTemplate());
  const [loadError, setLoadError] = useState<unknown>(null);
  const [clientErrors, setClientErrors] = useState<PathErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [catalogs, setCatalogs] = useState<CatalogSummary[]>([]);
  const [roles, setRoles] = useState<NamedRef[]>([]);
  const save = useSubmit();
  const archive = useSubmit();
  const createKey = useRef(randomKey());
  const [versions, setVersions] = useState<FormTemplateVersionSummary[]>([]);
  const [versionsCursor, setVersionsCursor] = useState<string | null>(null);
  const [versionsError, setVersionsError] = useState<unknown>(null);
  // An older version opened from the Versions panel; the draft stays untouched underneath it.
  const [viewed, setViewed] = useState<FormTemplate | null>(null);
  const viewedDraft = useMemo(() => (viewed ? draftFromTemplate(viewed) : null), [viewed]);
  const open = useSubmit();

  const loadVersions = useCallback(async (after: string | null) => {
    if (!id) return;
    try {
      const page = await formsApi.versions(id, after);
      setVersions((shown) => (after ? appendVersions(shown, page.items) : page.items));
      setVersionsCursor(page.nextCursor);
      setVersionsError(null);
    } catch (e) {
      setVersionsError(e);
    }
  }, [id]);

  useEffect(() => {
    void loadVersions(null);
  }, [loadVersions]);

  const load = useCallback(async () => {
    if (!id) return;
    try {
      const t = await formsApi.get(id);
      setSaved(t);
      setDraft(draftFromTemplate(t));
      setLoadError(null);
    } catch (e) {
      setLoadError(e);
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    let live = true;
    catalogsApi.list(null, 200).then((p) => { if (live) setCatalogs(p.items); }, () => undefined);
    peopleApi.roles().then((r) => { if (live) setRoles(r.items.map((x) => ({ id: x.id, name: x.name }))); }, () => undefined);
    return () => { live = false; };
  }, []);

  const people = useMemo(() => users.filter((u) => !u.isBlocked)
    .map((u) => ({ id: u.id, name: u.isBot ? `${u.displayName} (bot)` : u.displayName }))
    .sort((a, b) => a.name.localeCompare(b.name)), [users]);

  const serverErrors = pathErrors(save.error);
  const errors: PathErrors = { ...serverErrors, ...clientErrors };
  const errorCount = Object.values(errors).reduce((n, m) => n + m.length, 0);
  const readOnly = !me.isAdmin || !!saved?.isArchived || viewed !== null;
  const latest = Math.max(saved?.version ?? 0, versions[0]?.version ?? 0);
  const stale = save.error instanceof ApiError && save.error.status === 412;

  if (loadError instanceof ApiError && loadError.status === 404) {
    return <div className="page card"><h1>Form not found</h1><a href={paths.forms()}>← Forms</a></div>;
  }
  if (!draft) return <div className="page">{loadError ? <ErrorBox error={loadError} /> : <p className="muted">Loading…</p>}</div>;

  const set = (patch: Partial<TemplateDraft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const setFields = (fields: TemplateDraft['fields']) => set({ fields });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const { input, errors: problems } = templateInput(draft);
    setClientErrors(problems);
    if (Object.keys(problems).length > 0) {
      save.setError(null);
      return;
    }
    void save.run(async () => {
      if (!id) {
        const created = await formsApi.create(input, createKey.current);
        navigate(paths.form(created.id));
        return;
      }
      if (!saved) return;
      const next = await formsApi.update(id, input, saved.version);
      setSaved(next);
      setDraft(draftFromTemplate(next));
      setNotice(`Saved as version ${next.version}. New tasks use it; existing tasks keep the version they were created with.`);
      void loadVersions(null);
    });
  };

  const doArchive = () => {
    if (!saved || !window.confirm(`Archive “${saved.name}”? It disappears from the list of forms and can no longer be changed; existing tasks keep working.`)) return;
    void archive.run(async () => {
      await formsApi.archive(saved.id, saved.version);
      await load();
    });
  };

  const openVersion = (version: number) => {
    if (!saved) return;
    if (version === saved.version) {
      setViewed(null);
      return;
    }
    void open.run(async () => setViewed(await formsApi.version(saved.id, version)));
  };

  // What the editors show: the opened old version, or the (editable) current draft.
  const shown = viewedDraft ?? draft;

  const summary = Object.entries(errors).flatMap(([path, messages]) =>
    messages.map((m) => (path ? `${describePath(path, draft)}: ${m}` : m)));

  return (
    <form className="page designer" onSubmit={submit} noValidate aria-label="Form designer">
      <a className="back-link" href={paths.forms()}>← Forms</a>
      <section className="card">
        <div className="section-head">
          <h1 data-testid="designer-heading">{id ? (readOnly ? (viewed ?? saved)?.name : `Edit form: ${saved?.name ?? ''}`) : 'New form'}</h1>
          {saved && !viewed && (
            <span className="actions">
              <a className="btn btn-secondary" href={paths.register(saved.id)} data-testid="designer-register">Register</a>
              {me.isAdmin && !saved.isArchived && (
                <button type="button" className="btn btn-ghost" data-testid="designer-archive" onClick={doArchive}
                  disabled={archive.busy || save.busy}>Archive</button>
              )}
            </span>
          )}
        </div>
        {viewed && (
          <div className="alert alert-info" role="status" data-testid="designer-viewing">
            <p>
              <strong>{versionOf(viewed.version, latest)}</strong>, read-only
              {viewed.versionCreatedAt ? ` · saved ${fullTime(viewed.versionCreatedAt)}` : ''}. Tasks created with it keep using it.
            </p>
            <button type="button" className="btn btn-secondary" data-testid="designer-back-to-current"
              onClick={() => setViewed(null)}>Back to the current version</button>
          </div>
        )}
        {saved && !viewed && (
          <p className="muted" data-testid="designer-version">
            Version {saved.version}
            {saved.isArchived ? ' · archived: it can no longer be changed; its tasks keep working.'
              : me.isAdmin ? ` · saving creates version ${saved.version + 1}; tasks created earlier keep the version they were created with.` : ''}
          </p>
        )}
        {!id && <p className="muted">Saving creates version 1 of the form. Every later change is saved as a new version.</p>}
        {notice && <div className="alert alert-info" role="status" data-testid="designer-saved">{notice}</div>}
        <ErrorBox error={archive.error} />
        {stale ? (
          <div className="alert alert-error" role="alert" data-testid="designer-error">
            <p>Someone saved a newer version of this form while you were editing it.</p>
            <button type="button" className="btn btn-secondary" onClick={() => { save.setError(null); void load(); }}>
              Load the latest version (discards your changes here)
            </button>
          </div>
        ) : errorCount > 0 ? (
          <div className="alert alert-error" role="alert" data-testid="designer-error">
            <p>The form was not saved: {errorCount === 1 ? 'one problem' : `${errorCount} problems`}, marked below.</p>
            <ul>{summary.map((line, i) => <li key={i}>{line}</li>)}</ul>
          </div>
        ) : (
          <ErrorBox error={save.error} testId="designer-error" />
        )}
        <Field label="Name" htmlFor="designer-name">
          <input id="designer-name" data-testid="designer-name" value={shown.name} maxLength={200} readOnly={readOnly}
            aria-invalid={invalid(errors, 'name')} onChange={(e) => set({ name: e.target.value })} />
        </Field>
        <Errors errors={errors} path="name" />
        <Field label="Description (optional)" htmlFor="designer-description">
          <textarea id="designer-description" data-testid="designer-description" rows={2} value={shown.description}
            readOnly={readOnly} onChange={(e) => set({ description: e.target.value })} />
        </Field>
        <Errors errors={errors} path="description" />
      </section>

      <section className="card" aria-labelledby="designer-fields-heading">
        <h2 id="designer-fields-heading">Fields</h2>
        <Errors errors={errors} path="fields" />
        <ol className="designer-fields">
          {shown.fields.map((f, i) => (
            <FieldEditor key={f.key} field={f} index={i} count={shown.fields.length} path={`fields[${i}]`} siblings={shown.fields}
              stepCount={shown.steps.length} catalogs={catalogs} readOnly={readOnly} errors={errors}
              onChange={(next) => setFields(draft.fields.map((x) => (x.key === f.key ? next : x)))}
              onRemove={() => setFields(draft.fields.filter((x) => x.key !== f.key))}
              onMove={(delta) => setFields(move(draft.fields, i, delta))} />
          ))}
        </ol>
        {shown.fields.length === 0 && <p className="muted">No fields yet.</p>}
        {!readOnly && (
          <button type="button" className="btn btn-secondary" data-testid="designer-add-field"
            onClick={() => setFields([...draft.fields, newField('text')])}>Add field</button>
        )}
      </section>

      <RouteEditor steps={shown.steps} rules={shown.rules} onReject={shown.onReject} fields={shown.fields} people={people}
        roles={roles} nameOf={nameOf} readOnly={readOnly} errors={errors} onChange={(patch) => set(patch)} />

      {saved && (
        <VersionsPanel versions={versions} latest={latest} shownVersion={viewed?.version ?? saved.version}
          more={versionsCursor !== null} busy={open.busy} error={open.error ?? versionsError}
          onOpen={openVersion} onMore={() => void loadVersions(versionsCursor)} />
      )}

      {!readOnly && (
        <div className="card designer-save-bar">
          <button type="submit" className="btn btn-primary" data-testid="designer-save" disabled={save.busy}>
            {save.busy ? 'Saving…' : id ? 'Save as a new version' : 'Create form'}
          </button>
          {saved && (
            <button type="button" className="btn btn-ghost" disabled={save.busy} onClick={() => {
              setDraft(draftFromTemplate(saved));
              setClientErrors({});
              save.setError(null);
            }}>Discard changes</button>
          )}
        </div>
      )}
    </form>
  );
}

/** The template's history, newest first; choosing one opens it read-only in the designer. */
function VersionsPanel({ versions, latest, shownVersion, more, busy, error, onOpen, onMore }: {
  versions: FormTemplateVersionSummary[];
  latest: number;
  shownVersion: number;
  more: boolean;
  busy: boolean;
  error: unknown;
  onOpen: (version: number) => void;
  onMore: () => void;
}) {
  return (
    <section className="card" aria-labelledby="designer-versions-heading" data-testid="designer-versions">
      <h2 id="designer-versions-heading">Versions</h2>
      <ErrorBox error={error} />
      <ol className="designer-fields">
        {versions.map((v) => {
          const current = v.version === shownVersion;
          return (
            <li key={v.version} className="designer-field" data-testid={`designer-version-${v.version}`}>
              <div className="designer-field-head">
                <span>
                  <strong>Version {v.version}</strong>{v.version === latest ? ' (current)' : ''}
                  <span className="muted">
                    {' · '}<time dateTime={v.createdAt} title={fullTime(v.createdAt)}>{relativeTime(v.createdAt)}</time>
                    {` · by ${v.createdByName ?? 'a former member'} · ${versionCounts(v)}`}
                  </span>
                </span>
                {current ? <span className="muted">Shown</span> : (
                  <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => onOpen(v.version)}
                    aria-label={`Show ${versionOf(v.version, latest).toLowerCase()}`}>Show</button>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      {more && <button type="button" className="btn btn-secondary" onClick={onMore}>Show older versions</button>}
    </section>
  );
}
