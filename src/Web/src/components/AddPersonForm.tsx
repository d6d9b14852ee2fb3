import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../api/client';
import type { User } from '../api/types';
import { useSubmit } from '../lib/useSubmit';
import { ErrorBox } from './ErrorBox';
import { Field } from './Field';

export function AddPersonForm({ onAdded }: { onAdded: (user: User) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, setError, run } = useSubmit();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim() || !name.trim() || !password) {
      setError('Please fill in e-mail, name and an initial password.');
      return;
    }
    void run(async () => {
      const user = await api.createUser({ email: email.trim(), displayName: name.trim(), password });
      setEmail('');
      setName('');
      setPassword('');
      onAdded(user);
    });
  };

  return (
    <form className="card" onSubmit={submit} noValidate>
      <h2>Add a member</h2>
      <ErrorBox error={error} testId="people-error" />
      <div className="form-grid">
        <Field label="E-mail" htmlFor="people-email">
          <input id="people-email" data-testid="people-email" type="email" autoComplete="off"
            value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label="Name" htmlFor="people-name">
          <input id="people-name" data-testid="people-name" autoComplete="off"
            value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Initial password" htmlFor="people-password">
          <input id="people-password" data-testid="people-password" type="password" autoComplete="new-password"
            value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
      </div>
      <button type="submit" className="btn btn-primary" data-testid="people-submit" disabled={busy}>
        {busy ? 'Adding…' : 'Add member'}
      </button>
    </form>
  );
}
