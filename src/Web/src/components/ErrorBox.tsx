import { problemMessages } from '../api/problem';

interface Props {
  error: unknown;
  testId?: string;
  fallback?: string;
}

/** Shows an API error (problem+json detail / validation errors) as plain text lines. */
export function ErrorBox({ error, testId, fallback }: Props) {
  if (error === null || error === undefined) return null;
  const lines = typeof error === 'string' ? [error] : problemMessages(error, fallback);
  return (
    <div className="alert alert-error" role="alert" data-testid={testId}>
      {lines.map((line, i) => <p key={i}>{line}</p>)}
    </div>
  );
}
