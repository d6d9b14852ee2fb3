import { useState } from 'react';
import type { FormEvent } from 'react';
import { listsApi } from '../../api/lists';
import type { ListInfo } from '../../api/lists';
import { createParents, withListFieldNames } from '../../lib/lists';
import { navigate, paths } from '../../lib/router';
import { useLists } from '../../lib/useLists';
import { useSubmit } from '../../lib/useSubmit';
import { ErrorBox } from '../ErrorBox';
import { indent } from './indent';

interface Props {
  /** Creates inside this list (no choice offered); otherwise the user picks where. */
  parent?: ListInfo;
  testId: string;
}

/** Creates a list (top level or inside another) and opens it. */
export function NewListForm({ parent, testId }: Props) {
  const { lists, reload } = useLists();
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const create = useSubmit();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      create.setError('Give the list a name.');
      return;
    }
    void create.run(async () => {
      try {
        const created = await listsApi.create(name.trim(), parent?.id ?? (parentId || null));
        setName('');
        setParentId('');
        await reload();
        navigate(paths.list(created.id));
      } catch (error) {
        throw withListFieldNames(error);
      }
    });
  };

  const label = parent ? `New list inside “${parent.name}”` : 'New list';
  return (
    <form className="list-new" onSubmit={submit} noValidate aria-label={label}>
      <ErrorBox error={create.error} testId={`${testId}-error`} />
      <div className="field">
        <label htmlFor={`${testId}-name`}>{label}</label>
        <input id={`${testId}-name`} data-testid={`${testId}-name`} maxLength={200} value={name}
          placeholder="Name" onChange={(e) => setName(e.target.value)} />
      </div>
      {!parent && (
        <div className="field">
          <label htmlFor={`${testId}-parent`}>Inside</label>
          <select id={`${testId}-parent`} data-testid={`${testId}-parent`} value={parentId} onChange={(e) => setParentId(e.target.value)}>
            <option value="">— top level —</option>
            {createParents(lists).map((r) => <option key={r.list.id} value={r.list.id}>{indent(r.depth)}{r.list.name}</option>)}
          </select>
        </div>
      )}
      <button type="submit" className="btn btn-secondary" data-testid={`${testId}-submit`} disabled={create.busy}>
        {create.busy ? 'Creating…' : 'Create list'}
      </button>
    </form>
  );
}
