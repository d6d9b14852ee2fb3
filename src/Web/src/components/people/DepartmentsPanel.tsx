import { useState } from 'react';
import type { FormEvent } from 'react';
import { peopleApi } from '../../api/people';
import type { Department, NamedRef } from '../../api/types';
import { departmentTree, membershipChange, parentChoices } from '../../lib/departments';
import { useSubmit } from '../../lib/useSubmit';
import { ChipPicker } from '../ChipPicker';
import { ErrorBox } from '../ErrorBox';

interface Props {
  isAdmin: boolean;
  departments: Department[];
  people: NamedRef[];
  nameOf: (id: string) => string;
  onChanged: () => void;
}

const indent = (depth: number) => '\u00a0\u00a0\u00a0'.repeat(depth);

/** The department tree; administrators create, rename, move and delete departments and change their members. */
export function DepartmentsPanel({ isAdmin, departments, people, nameOf, onChanged }: Props) {
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const create = useSubmit();
  const rows = departmentTree(departments);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      create.setError('Give the department a name.');
      return;
    }
    void create.run(async () => {
      await peopleApi.createDepartment({ name: name.trim(), parentId: parentId || null, headUserId: null });
      setName('');
      setParentId('');
      onChanged();
    });
  };

  return (
    <section className="card" aria-labelledby="departments-heading">
      <h2 id="departments-heading">Departments</h2>
      {isAdmin && (
        <form className="inline-form" onSubmit={submit} noValidate aria-label="New department">
          <ErrorBox error={create.error} testId="department-create-error" />
          <div className="form-row">
            <div className="field">
              <label htmlFor="department-new-name">New department</label>
              <input id="department-new-name" data-testid="department-new-name" maxLength={200} value={name}
                onChange={(e) => setName(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="department-new-parent">Inside</label>
              <select id="department-new-parent" data-testid="department-new-parent" value={parentId} onChange={(e) => setParentId(e.target.value)}>
                <option value="">— top level —</option>
                {rows.map((r) => <option key={r.department.id} value={r.department.id}>{indent(r.depth)}{r.department.name}</option>)}
              </select>
            </div>
            <button type="submit" className="btn btn-primary" data-testid="department-create" disabled={create.busy}>Create</button>
          </div>
        </form>
      )}
      {rows.length === 0 && <p className="muted empty">No departments yet.</p>}
      <ul className="group-list" data-testid="department-list">
        {rows.map(({ department: d, depth }) => (
          <li key={d.id} className="group-row" data-testid="department-row" data-name={d.name} style={{ paddingLeft: `${depth * 1.25}rem` }}>
            <div className="group-head">
              <span className="person-name">{d.name}</span>
              <span className="muted">
                {d.memberIds.length === 1 ? '1 member' : `${d.memberIds.length} members`}
                {d.headUserId ? ` · head: ${nameOf(d.headUserId)}` : ''}
              </span>
              <button type="button" className="btn btn-ghost btn-small" data-testid="department-manage" aria-expanded={open === d.id}
                aria-controls={`department-${d.id}`} onClick={() => setOpen(open === d.id ? null : d.id)}>
                {open === d.id ? 'Close' : isAdmin ? 'Manage' : 'Members'}
              </button>
            </div>
            {open === d.id && (
              <DepartmentEditor key={d.id + d.name + (d.parentId ?? '') + (d.headUserId ?? '')} department={d} departments={departments}
                isAdmin={isAdmin} people={people} nameOf={nameOf} onChanged={onChanged} onDeleted={() => setOpen(null)} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

interface EditorProps {
  department: Department;
  departments: Department[];
  isAdmin: boolean;
  people: NamedRef[];
  nameOf: (id: string) => string;
  onChanged: () => void;
  onDeleted: () => void;
}

function DepartmentEditor({ department: d, departments, isAdmin, people, nameOf, onChanged, onDeleted }: EditorProps) {
  const [name, setName] = useState(d.name);
  const [parentId, setParentId] = useState(d.parentId ?? '');
  const [headUserId, setHeadUserId] = useState(d.headUserId ?? '');
  const action = useSubmit();
  const changed = name.trim() !== d.name || parentId !== (d.parentId ?? '') || headUserId !== (d.headUserId ?? '');

  const save = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await peopleApi.updateDepartment(d.id, { name: name.trim(), parentId: parentId || null, headUserId: headUserId || null });
      onChanged();
    });
  };
  const setMembers = (ids: string[]) => void action.run(async () => {
    const { added, removed } = membershipChange(d.memberIds, ids);
    for (const id of added) await peopleApi.addDepartmentMember(d.id, id);
    for (const id of removed) await peopleApi.removeDepartmentMember(d.id, id);
    onChanged();
  });
  const remove = () => {
    if (!window.confirm(`Delete the department “${d.name}”? Its memberships are removed.`)) return;
    void action.run(async () => {
      await peopleApi.deleteDepartment(d.id);
      onDeleted();
      onChanged();
    });
  };

  return (
    <div className="group-editor" id={`department-${d.id}`}>
      <ErrorBox error={action.error} testId="department-error" />
      {isAdmin && (
        <form onSubmit={save} noValidate aria-label={`Edit ${d.name}`}>
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`department-${d.id}-name`}>Name</label>
              <input id={`department-${d.id}-name`} data-testid="department-rename" maxLength={200} value={name}
                onChange={(e) => setName(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`department-${d.id}-parent`}>Inside</label>
              <select id={`department-${d.id}-parent`} data-testid="department-parent" value={parentId} onChange={(e) => setParentId(e.target.value)}>
                <option value="">— top level —</option>
                {parentChoices(departments, d.id).map((r) => (
                  <option key={r.department.id} value={r.department.id}>{indent(r.depth)}{r.department.name}</option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`department-${d.id}-head`}>Head</label>
              <select id={`department-${d.id}-head`} data-testid="department-head" value={headUserId} onChange={(e) => setHeadUserId(e.target.value)}>
                <option value="">Nobody</option>
                {headUserId && !people.some((p) => p.id === headUserId) && <option value={headUserId}>{nameOf(headUserId)}</option>}
                {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
              </select>
            </div>
          </div>
          <div className="actions">
            <button type="submit" className="btn btn-primary btn-small" data-testid="department-save" disabled={action.busy || !changed || !name.trim()}>
              Save
            </button>
            <button type="button" className="btn btn-ghost btn-small" data-testid="department-delete" disabled={action.busy} onClick={remove}>
              Delete department
            </button>
          </div>
        </form>
      )}
      <ChipPicker id={`department-${d.id}-members`} label="Members" testId="department-members" choices={people} selected={d.memberIds}
        nameOf={nameOf} disabled={!isAdmin} busy={action.busy} onChange={setMembers} />
    </div>
  );
}
