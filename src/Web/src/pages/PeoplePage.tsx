import { useEffect, useState } from 'react';
import type { Me, User } from '../api/types';
import { AddPersonForm } from '../components/AddPersonForm';
import { useUsers } from '../lib/users';

export function PeoplePage({ me }: { me: Me }) {
  const { users, reload } = useUsers();
  const [added, setAdded] = useState<User | null>(null);

  useEffect(reload, [reload]);

  const sorted = [...users].sort((a, b) => a.displayName.localeCompare(b.displayName));

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
      <section className="card">
        <h2>People in {me.organization.name}</h2>
        <ul className="people" data-testid="people-list">
          {sorted.map((u) => (
            <li key={u.id} className="person" data-testid="people-item">
              <span className="person-name">{u.displayName}</span>
              {u.isAdmin && <span className="badge">Admin</span>}
              <span className="person-email">{u.email}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
