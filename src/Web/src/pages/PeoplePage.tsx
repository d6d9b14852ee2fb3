import { useCallback, useEffect, useMemo, useState } from 'react';
import { peopleApi } from '../api/people';
import type { Department, Me, Role, User } from '../api/types';
import { AddPersonForm } from '../components/AddPersonForm';
import { ErrorBox } from '../components/ErrorBox';
import { BotsPanel } from '../components/people/BotsPanel';
import { DepartmentsPanel } from '../components/people/DepartmentsPanel';
import { MembersPanel } from '../components/people/MembersPanel';
import { RolesPanel } from '../components/people/RolesPanel';
import { useUsers } from '../lib/users';

/** People of the organisation, their departments and roles; administrators manage all of it, bots and blocking included. */
export function PeoplePage({ me }: { me: Me }) {
  const { users, nameOf, reload } = useUsers();
  const [added, setAdded] = useState<User | null>(null);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [roles, setRoles] = useState<Role[]>([]);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      const [d, r] = await Promise.all([peopleApi.departments(), peopleApi.roles()]);
      setDepartments(d.items);
      setRoles(r.items);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);

  useEffect(reload, [reload]);
  useEffect(() => {
    void load();
  }, [load]);

  /** Memberships show both in the groups and on each person: reload both. */
  const changed = useCallback(() => {
    void load();
    reload();
  }, [load, reload]);

  const people = useMemo(() => users.filter((u) => !u.isBot)
    .map((u) => ({ id: u.id, name: u.isBlocked ? `${u.displayName} (blocked)` : u.displayName }))
    .sort((a, b) => a.name.localeCompare(b.name)), [users]);

  const onAdded = (user: User) => {
    setAdded(user);
    reload();
  };

  return (
    <div className="page">
      {me.isAdmin && <AddPersonForm onAdded={onAdded} />}
      {added && (
        <div className="alert alert-info" role="status">
          Added {added.displayName}. They can now sign in with {added.email}.
        </div>
      )}
      <MembersPanel me={me} users={users} onChanged={changed} />
      <ErrorBox error={error} />
      <DepartmentsPanel isAdmin={me.isAdmin} departments={departments} people={people} nameOf={nameOf} onChanged={changed} />
      <RolesPanel isAdmin={me.isAdmin} roles={roles} people={people} nameOf={nameOf} onChanged={changed} />
      {me.isAdmin && <BotsPanel onChanged={changed} />}
    </div>
  );
}
