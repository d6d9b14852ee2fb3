import { useState } from 'react';
import type { FormEvent } from 'react';
import { listsApi } from '../../api/lists';
import type { ListInfo } from '../../api/lists';
import { moveProblem, moveTargets, withListFieldNames } from '../../lib/lists';
import { navigate, paths } from '../../lib/router';
import { useLists } from '../../lib/useLists';
import { useSubmit } from '../../lib/useSubmit';
import { ErrorBox } from '../ErrorBox';
import { indent } from './indent';

type Mode = 'none' | 'rename' | 'move';

/** The move target meaning "no parent"; list ids are GUIDs, so it cannot clash with one. */
const topLevel = 'top';

/** Rename, move under another list or to the top level, delete. The API's refusals are shown as it words them. */
export function ListSettings({ list }: { list: ListInfo }) {
  const { lists, reload } = useLists();
  const [mode, setMode] = useState<Mode>('none');
  const [name, setName] = useState(list.name);
  const [targetId, setTargetId] = useState('');
  const action = useSubmit();
  const targets = moveTargets(lists, list.id);
  const canGoTop = moveProblem(lists, list.id, null) === null;
  // A choice that a fresh look at the tree no longer offers is not shown as chosen, and not sent.
  const offered = (targetId === topLevel && canGoTop) || targets.some((r) => r.list.id === targetId);

  /** After any answer our picture of the tree may be out of date (someone else moved a list): fetch it again. */
  const change = (work: () => Promise<void>) => action.run(async () => {
    try {
      await work();
      setMode('none');
    } catch (error) {
      throw withListFieldNames(error);
    } finally {
      await reload();
    }
  });

  const open = (next: Mode) => {
    action.setError(null);
    setName(list.name);
    setTargetId('');
    setMode(mode === next ? 'none' : next);
  };

  const rename = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      action.setError('Give the list a name.');
      return;
    }
    void change(async () => { await listsApi.update(list.id, { name: name.trim() }); });
  };

  const move = (e: FormEvent) => {
    e.preventDefault();
    if (!targetId) {
      action.setError('Choose where to move it.');
      return;
    }
    const parentId = targetId === topLevel ? null : targetId;
    if (!offered) {
      // The tree was fetched again since the choice was made and it no longer fits: say why, as the API would.
      action.setError(moveProblem(lists, list.id, parentId) ?? 'Choose where to move it.');
      return;
    }
    void change(async () => { await listsApi.update(list.id, { parentId }); });
  };

  const remove = () => {
    if (!window.confirm(`Delete the list “${list.name}”? Its tasks stay; they are only taken out of this list.`)) return;
    void action.run(async () => {
      try {
        await listsApi.remove(list.id);
        navigate(list.parentId ? paths.list(list.parentId) : paths.lists());
      } finally {
        await reload();
      }
    });
  };

  return (
    <div className="list-settings">
      <div className="actions">
        <button type="button" className="btn btn-secondary btn-small" data-testid="list-rename-open" aria-expanded={mode === 'rename'}
          onClick={() => open('rename')}>Rename</button>
        <button type="button" className="btn btn-secondary btn-small" data-testid="list-move-open" aria-expanded={mode === 'move'}
          onClick={() => open('move')}>Move</button>
        <button type="button" className="btn btn-ghost btn-small" data-testid="list-delete" disabled={action.busy}
          onClick={remove}>Delete</button>
      </div>
      <ErrorBox error={action.error} testId="list-error" />
      {mode === 'rename' && (
        <form className="form-row" onSubmit={rename} noValidate aria-label={`Rename ${list.name}`}>
          <div className="field">
            <label htmlFor="list-rename">Name</label>
            <input id="list-rename" data-testid="list-rename-input" maxLength={200} value={name} autoFocus
              onChange={(e) => setName(e.target.value)} />
          </div>
          <button type="submit" className="btn btn-primary" data-testid="list-rename-save" disabled={action.busy}>Save</button>
          <button type="button" className="btn btn-ghost" onClick={() => setMode('none')}>Cancel</button>
        </form>
      )}
      {mode === 'move' && (
        <form onSubmit={move} noValidate aria-label={`Move ${list.name}`}>
          <div className="form-row">
            <div className="field">
              <label htmlFor="list-move-target">Move “{list.name}” to</label>
              <select id="list-move-target" data-testid="list-move-target" value={offered ? targetId : ''} onChange={(e) => setTargetId(e.target.value)}>
                <option value="">Choose where…</option>
                {canGoTop && <option value={topLevel}>Top level</option>}
                {targets.map((r) => <option key={r.list.id} value={r.list.id}>{indent(r.depth)}{r.list.name}</option>)}
              </select>
            </div>
            <button type="submit" className="btn btn-primary" data-testid="list-move-save" disabled={action.busy}>Move</button>
            <button type="button" className="btn btn-ghost" onClick={() => setMode('none')}>Cancel</button>
          </div>
          <p className="hint">
            Not offered: where it is now, places that would put the list inside itself (the list and the lists nested
            in it) and places that would nest lists deeper than 10 levels. Its nested lists move with it; whoever is a
            member only of a list above it stops seeing it.
          </p>
        </form>
      )}
    </div>
  );
}
