import type { PathErrors } from '../../lib/templateDraft';

/** The messages for one input of the designer (server or client), under it. */
export function Errors({ errors, path }: { errors: PathErrors; path: string }) {
  const messages = errors[path] ?? [];
  return (
    <>
      {messages.map((m, i) => <small key={i} className="field-error" role="alert" data-testid="designer-field-error" data-path={path}>{m}</small>)}
    </>
  );
}

/** `aria-invalid` for an input with errors. */
export const invalid = (errors: PathErrors, path: string) => ((errors[path]?.length ?? 0) > 0 ? true : undefined);
