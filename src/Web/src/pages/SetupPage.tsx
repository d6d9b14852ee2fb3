import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../api/client';
import { ErrorBox } from '../components/ErrorBox';
import { Field } from '../components/Field';
import { useSubmit } from '../lib/useSubmit';

interface Props {
  onDone: (adminEmail: string) => void;
}

/** First run: creates the organisation and its first administrator. */
export function SetupPage({ onDone }: Props) {
  const [token, setToken] = useState('');
  const [org, setOrg] = useState('');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, setError, run } = useSubmit();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!token.trim() || !org.trim() || !email.trim() || !name.trim() || !password) {
      setError('Please fill in every field.');
      return;
    }
    void run(async () => {
      await api.setup({
        setupToken: token.trim(),
        organizationName: org.trim(),
        adminEmail: email.trim(),
        adminDisplayName: name.trim(),
        adminPassword: password,
      });
      onDone(email.trim());
    });
  };

  return (
    <main className="auth-page">
      <form className="card auth-card" onSubmit={submit} noValidate>
        <h1>Set up Platform</h1>
        <p className="muted">
          Create your organisation and its first administrator. The setup token was printed
          by the server when it started.
        </p>
        <ErrorBox error={error} testId="setup-error" />
        <Field label="Setup token" htmlFor="setup-token">
          <input id="setup-token" data-testid="setup-token" autoComplete="off" spellCheck={false}
            value={token} onChange={(e) => setToken(e.target.value)} />
        </Field>
        <Field label="Organisation name" htmlFor="setup-org">
          <input id="setup-org" data-testid="setup-org" autoComplete="organization"
            value={org} onChange={(e) => setOrg(e.target.value)} />
        </Field>
        <Field label="Admin e-mail" htmlFor="setup-email">
          <input id="setup-email" data-testid="setup-email" type="email" autoComplete="email"
            value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label="Admin name" htmlFor="setup-name">
          <input id="setup-name" data-testid="setup-name" autoComplete="name"
            value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Password" htmlFor="setup-password">
          <input id="setup-password" data-testid="setup-password" type="password"
            autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <button type="submit" className="btn btn-primary btn-block" data-testid="setup-submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create organisation'}
        </button>
      </form>
    </main>
  );
}
