import { useState } from 'react';
import type { FormEvent } from 'react';
import { peopleApi } from '../../api/people';
import type { NamedRef, Role } from '../../api/types';
import { membershipChange } from '../../lib/departments';
import { useSubmit } from '../../lib/useSubmit';
import { ChipPicker } from '../ChipPicker';
import { ErrorBox } from '../ErrorBox';

interface Props {
  isAdmin: boolean;
  roles: Role[];
  people: NamedRef[];
  nameOf: (id: string) => string;
  onChanged: () => void;
}

/** Roles ("Accountants") that approval routes name; administrators create, rename and delete them and change their members. */
export function RolesPanel({ isAdmin, roles, people, nameOf, onChanged }: Props) {
  const [name, setName] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const create = useSubmit();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      create.setError('Give the role a name.');
      return;
    }
    void create.run(async () => {
      await peopleApi.createRole(name.trim());
      setName('');
      onChanged();
    });
  };

  return (
    <section className="card" aria-labelledby="roles-heading">
      <h2 id="roles-heading">Roles</h2>
      <p className="muted">A role names a group of people that approval routes can ask: every member of the role approves.</p>
      {isAdmin && (
        <form className="inline-form" onSubmit={submit} noValidate aria-label="New role">
          <ErrorBox error={create.error} testId="role-create-error" />
          <div className="form-row">
            <div className="field">
              <label htmlFor="role-new-name">New role</label>
              <input id="role-new-name" data-testid="role-new-name" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            <button type="submit" className="btn btn-primary" data-testid="role-create" disabled={create.busy}>Create</button>
          </div>
        </form>
      )}
      {roles.length === 0 && <p className="muted empty">No roles yet.</p>}
      <ul className="group-list" data-testid="role-list">
        {roles.map((r) => (
          <li key={r.id} className="group-row" data-testid="role-row" data-name={r.name}>
            <div className="group-head">
              <span className="person-name">{r.name}</span>
              <span className="muted">{r.memberIds.length === 1 ? '1 member' : `${r.memberIds.length} members`}</span>
              <button type="button" className="btn btn-ghost btn-small" data-testid="role-manage" aria-expanded={open === r.id}
                aria-controls={`role-${r.id}`} onClick={() => setOpen(open === r.id ? null : r.id)}>
                {open === r.id ? 'Close' : isAdmin ? 'Manage' : 'Members'}
              </button>
            </div>
            {open === r.id && (
              <RoleEditor key={r.id + r.name} role={r} isAdmin={isAdmin} people={people} nameOf={nameOf} onChanged={onChanged}
                onDeleted={() => setOpen(null)} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

interface EditorProps {
  role: Role;
  isAdmin: boolean;
  people: NamedRef[];
  nameOf: (id: string) => string;
  onChanged: () => void;
  onDeleted: () => void;
}

function RoleEditor({ role, isAdmin, people, nameOf, onChanged, onDeleted }: EditorProps) {
  const [name, setName] = useState(role.name);
  const action = useSubmit();

  const rename = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await peopleApi.renameRole(role.id, name.trim());
      onChanged();
    });
  };
  const setMembers = (ids: string[]) => void action.run(async () => {
    const { added, removed } = membershipChange(role.memberIds, ids);
    for (const id of added) await peopleApi.addRoleMember(role.id, id);
    for (const id of removed) await peopleApi.removeRoleMember(role.id, id);
    onChanged();
  });
  const remove = () => {
    if (!window.confirm(`Delete the role “${role.name}”? Routes that name it will find nobody in it.`)) return;
    void action.run(async () => {
      await peopleApi.deleteRole(role.id);
      onDeleted();
      onChanged();
    });
  };

  return (
    <div className="group-editor" id={`role-${role.id}`}>
      <ErrorBox error={action.error} testId="role-error" />
      {isAdmin && (
        <form onSubmit={rename} noValidate aria-label={`Rename ${role.name}`}>
          <div className="form-row">
            <div className="field">
              <label htmlFor={`role-${role.id}-name`}>Name</label>
              <input id={`role-${role.id}-name`} data-testid="role-rename" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            <button type="submit" className="btn btn-primary btn-small" data-testid="role-save"
              disabled={action.busy || !name.trim() || name.trim() === role.name}>Rename</button>
            <button type="button" className="btn btn-ghost btn-small" data-testid="role-delete" disabled={action.busy} onClick={remove}>
              Delete role
            </button>
          </div>
        </form>
      )}
      <ChipPicker id={`role-${role.id}-members`} label="Members" testId="role-members" choices={people} selected={role.memberIds}
        nameOf={nameOf} disabled={!isAdmin} busy={action.busy} onChange={setMembers} />
    </div>
  );
}
