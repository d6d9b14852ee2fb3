import type { Me, User } from '../../api/types';
import { peopleApi } from '../../api/people';
import { useSubmit } from '../../lib/useSubmit';
import { ErrorBox } from '../ErrorBox';

interface Props {
  me: Me;
  users: User[];
  onChanged: () => void;
}

/** Everyone in the organisation with their departments and roles; administrators block and unblock members. */
export function MembersPanel({ me, users, onChanged }: Props) {
  const action = useSubmit();
  const sorted = [...users].sort((a, b) => a.displayName.localeCompare(b.displayName));

  const block = (u: User) => {
    const what = u.isBot ? 'Its API key stops working at once.' : 'They are signed out everywhere at once and cannot sign in.';
    if (!window.confirm(`Block ${u.displayName}? ${what}`)) return;
    void action.run(async () => {
      await peopleApi.block(u.id);
      onChanged();
    });
  };
  const unblock = (u: User) => void action.run(async () => {
    await peopleApi.unblock(u.id);
    onChanged();
  });

  return (
    <section className="card" aria-labelledby="members-heading">
      <h2 id="members-heading">People in {me.organization.name}</h2>
      <ErrorBox error={action.error} testId="members-error" />
      <ul className="people" data-testid="people-list">
        {sorted.map((u) => (
          <li key={u.id} className={u.isBlocked ? 'person person-blocked' : 'person'} data-testid="people-item" data-user-id={u.id}>
            <span className="person-main">
              <span className="person-name">{u.displayName}</span>
              {u.isAdmin && <span className="badge">Admin</span>}
              {u.isBot && <span className="badge">Bot</span>}
              {u.isBlocked && <span className="badge badge-blocked" data-testid="member-blocked">Blocked</span>}
              {u.position && <span className="muted">{u.position}</span>}
            </span>
            <span className="person-groups muted">
              {[...(u.departments ?? []).map((d) => d.name), ...(u.roles ?? []).map((r) => r.name)].join(' · ')}
            </span>
            <span className="person-email">{u.email}</span>
            {me.isAdmin && u.id !== me.id && (u.isBlocked
              ? <button type="button" className="btn btn-secondary btn-small" data-testid="member-unblock" disabled={action.busy}
                  aria-label={`Unblock ${u.displayName}`} onClick={() => unblock(u)}>Unblock</button>
              : <button type="button" className="btn btn-ghost btn-small" data-testid="member-block" disabled={action.busy}
                  aria-label={`Block ${u.displayName}`} onClick={() => block(u)}>Block</button>)}
          </li>
        ))}
      </ul>
    </section>
  );
}
