import { useState } from 'react';
import type { FormTemplate, TaskForm } from '../api/types';
import { decisionLabel, routeStatusLabel } from '../lib/formValues';
import { useUsers } from '../lib/users';

interface Props {
  form: TaskForm;
  template: FormTemplate | null;
  meId: string;
  busy: boolean;
  onDecide: (action: 'approve' | 'reject', text: string) => Promise<boolean>;
}

/** The approval route: steps with their approvers and decisions; Approve/Reject when my decision is awaited. */
export function RoutePanel({ form, template, meId, busy, onDecide }: Props) {
  const { nameOf } = useUsers();
  const [text, setText] = useState('');
  const { route } = form;
  const awaitingMe = form.awaitingApprovalFrom.includes(meId);
  const decide = (action: 'approve' | 'reject') =>
    void onDecide(action, text.trim()).then((done) => { if (done) setText(''); });
  if (route.steps.length === 0 && route.currentStep === 0) return null;
  return (
    <section className="card route-panel" data-testid="route-panel" data-status={route.status}>
      <h2>Approval route</h2>
      <p data-testid="route-status" className={`route-status route-${route.status}`}>{routeStatusLabel(route.status)}</p>
      <ol className="route-steps">
        {route.steps.map((s) => {
          const current = route.status === 'in_progress' && s.number === route.currentStep;
          const name = template?.route.steps[s.number - 1]?.name;
          return (
            <li key={s.number} className={current ? 'route-step current' : 'route-step'} data-testid="route-step"
              data-current={current} aria-current={current ? 'step' : undefined}>
              <strong>Step {s.number}{name ? `: ${name}` : ''}</strong>{current && <span className="muted"> (current)</span>}
              <ul>
                {s.approvers.length === 0 && <li className="muted">Nobody (skipped)</li>}
                {s.approvers.map((a) => (
                  <li key={a.userId} data-testid="route-approver" data-decision={a.decision}>
                    {nameOf(a.userId)} — <span className={`decision decision-${a.decision}`}>{decisionLabel(a.decision)}</span>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
      {awaitingMe && route.status === 'in_progress' && (
        <div className="route-actions">
          <label htmlFor="route-comment">Comment (optional)</label>
          <textarea id="route-comment" data-testid="route-comment" rows={2} value={text} onChange={(e) => setText(e.target.value)} />
          <div className="form-row">
            <button type="button" className="btn btn-primary" data-testid="approve" disabled={busy} onClick={() => decide('approve')}>Approve</button>
            <button type="button" className="btn btn-danger" data-testid="reject" disabled={busy} onClick={() => decide('reject')}>Reject</button>
          </div>
        </div>
      )}
    </section>
  );
}
