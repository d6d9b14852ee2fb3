import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { peopleApi } from '../../api/people';
import type { Bot, IssuedBotKey } from '../../api/types';
import { deleteBotQuestion, hasKey, revokeKeyQuestion, stillIssued } from '../../lib/bots';
import { fullTime, relativeTime } from '../../lib/time';
import { useSubmit } from '../../lib/useSubmit';
import { ErrorBox } from '../ErrorBox';

/** The one time a key is visible: copy it now. */
function IssuedKey({ issued, onDismiss }: { issued: IssuedBotKey; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(issued.apiKey).then(() => setCopied(true), () => setCopied(false));
  };
  return (
    <div className="alert alert-info issued-key" role="status" data-testid="bot-issued">
      <p><strong>API key of {issued.displayName}</strong> — copy it now: it is not shown again. Send it as <code>Authorization: Bearer …</code>.</p>
      <div className="form-row">
        <label htmlFor="bot-key" className="sr-only">API key</label>
        <input id="bot-key" data-testid="bot-key" className="mono" readOnly value={issued.apiKey} onFocus={(e) => e.target.select()} />
        <button type="button" className="btn btn-secondary" onClick={copy}>{copied ? 'Copied' : 'Copy'}</button>
        <button type="button" className="btn btn-ghost" data-testid="bot-issued-dismiss" onClick={onDismiss}>Done</button>
      </div>
    </div>
  );
}

/** Bots (integration accounts): create one, see its key once, replace or revoke the key, block, unblock or delete it. Administrators only. */
export function BotsPanel({ onChanged }: { onChanged: () => void }) {
  const [bots, setBots] = useState<Bot[]>([]);
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<IssuedBotKey | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const action = useSubmit();

  const load = useCallback(async () => {
    try {
      const items = (await peopleApi.bots()).items;
      setBots(items);
      setIssued((current) => stillIssued(current, items));
      setLoadError(null);
    } catch (e) {
      setLoadError(e);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const create = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      action.setError('Give the bot a name.');
      return;
    }
    void action.run(async () => {
      setIssued(await peopleApi.createBot(name.trim()));
      setName('');
      await load();
      onChanged();
    });
  };
  const rotate = (bot: Bot) => {
    if (!window.confirm(`Issue a new key for ${bot.displayName}? The current key stops working at once.`)) return;
    void action.run(async () => {
      setIssued(await peopleApi.rotateBotKey(bot.id));
      await load();
    });
  };
  const revoke = (bot: Bot) => {
    if (!window.confirm(revokeKeyQuestion(bot))) return;
    void action.run(async () => {
      await peopleApi.revokeBotKey(bot.id);
      await load();
    });
  };
  const remove = (bot: Bot) => {
    if (!window.confirm(deleteBotQuestion(bot))) return;
    void action.run(async () => {
      await peopleApi.deleteBot(bot.id);
      await load();
      onChanged();
    });
  };
  const setBlocked = (bot: Bot, blocked: boolean) => {
    if (blocked && !window.confirm(`Block ${bot.displayName}? Its key is refused at once until it is unblocked.`)) return;
    void action.run(async () => {
      await (blocked ? peopleApi.block(bot.id) : peopleApi.unblock(bot.id));
      await load();
      onChanged();
    });
  };

  return (
    <section className="card" aria-labelledby="bots-heading">
      <h2 id="bots-heading">Bots</h2>
      <p className="muted">Technical accounts for integrations. They act with a member's permissions and sign in with an API key only.</p>
      <ErrorBox error={loadError} />
      <ErrorBox error={action.error} testId="bot-error" />
      {issued && <IssuedKey issued={issued} onDismiss={() => setIssued(null)} />}
      <form className="inline-form" onSubmit={create} noValidate aria-label="New bot">
        <div className="form-row">
          <div className="field">
            <label htmlFor="bot-new-name">New bot</label>
            <input id="bot-new-name" data-testid="bot-new-name" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <button type="submit" className="btn btn-primary" data-testid="bot-create" disabled={action.busy}>Create and show key</button>
        </div>
      </form>
      {bots.length === 0 && !loadError && <p className="muted empty">No bots yet.</p>}
      <ul className="people" data-testid="bot-list">
        {bots.map((b) => (
          <li key={b.id} className={b.isBlocked ? 'person person-blocked' : 'person'} data-testid="bot-row" data-name={b.displayName}>
            <span className="person-main">
              <span className="person-name">{b.displayName}</span>
              {b.isBlocked && <span className="badge badge-blocked">Blocked</span>}
            </span>
            <span className="muted">
              {b.keyHint ? <>key <span className="mono">{b.keyHint}…</span>{b.keyCreatedAt && <>, issued <time dateTime={b.keyCreatedAt} title={fullTime(b.keyCreatedAt)}>{relativeTime(b.keyCreatedAt)}</time></>}</> : 'no key'}
            </span>
            <span className="person-email">
              <button type="button" className="btn btn-secondary btn-small" data-testid="bot-rotate" disabled={action.busy}
                aria-label={`New key for ${b.displayName}`} onClick={() => rotate(b)}>New key</button>
              {hasKey(b) && <button type="button" className="btn btn-ghost btn-small" data-testid="bot-revoke" disabled={action.busy}
                aria-label={`Revoke the key of ${b.displayName}`} onClick={() => revoke(b)}>Revoke key</button>}
              {b.isBlocked
                ? <button type="button" className="btn btn-secondary btn-small" data-testid="bot-unblock" disabled={action.busy}
                    aria-label={`Unblock ${b.displayName}`} onClick={() => setBlocked(b, false)}>Unblock</button>
                : <button type="button" className="btn btn-ghost btn-small" data-testid="bot-block" disabled={action.busy}
                    aria-label={`Block ${b.displayName} (revoke its access)`} onClick={() => setBlocked(b, true)}>Block</button>}
              <button type="button" className="btn btn-danger btn-small" data-testid="bot-delete" disabled={action.busy}
                aria-label={`Delete ${b.displayName}`} onClick={() => remove(b)}>Delete bot</button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
