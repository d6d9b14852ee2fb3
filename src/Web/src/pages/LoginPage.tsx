import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../api/client';
import { ApiError } from '../api/problem';
import { ErrorBox } from '../components/ErrorBox';
import { Field } from '../components/Field';
import { useSubmit } from '../lib/useSubmit';

interface Props {
  notice?: string;
  initialEmail?: string;
  onLoggedIn: () => Promise<void>;
}

export function LoginPage({ notice, initialEmail, onLoggedIn }: Props) {
  const [email, setEmail] = useState(initialEmail ?? '');
  const [password, setPassword] = useState('');
  const { busy, error, setError, run } = useSubmit();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError('Enter your e-mail and password.');
      return;
    }
    void run(async () => {
      try {
        await api.login(email.trim(), password);
      } catch (err) {
        // A 401 without a detail is a plain wrong password; say so in words.
        if (err instanceof ApiError && err.status === 401 && !err.problem?.detail) {
          throw new Error('Wrong e-mail or password.');
        }
        throw err;
      }
      setPassword('');
      await onLoggedIn();
    });
  };

  return (
    <main className="auth-page">
      <form className="card auth-card" onSubmit={submit} noValidate>
        <h1>Sign in to Platform</h1>
        {notice && !error && <div className="alert alert-info" role="status">{notice}</div>}
        <ErrorBox error={error} testId="login-error" fallback="Sign-in failed." />
        <Field label="E-mail" htmlFor="login-email">
          <input id="login-email" data-testid="login-email" type="email" autoComplete="username"
            autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label="Password" htmlFor="login-password">
          <input id="login-password" data-testid="login-password" type="password"
            autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <button type="submit" className="btn btn-primary btn-block" data-testid="login-submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
