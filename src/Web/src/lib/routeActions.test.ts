import { describe, expect, it } from 'vitest';
import type { TaskForm } from '../api/types';
import { routeActions } from './routeActions';

const form = (status: string, currentStep: number, step2: Record<string, string>, awaiting: string[] = []): TaskForm => ({
  templateId: 't', templateVersion: 1, values: {}, awaitingApprovalFrom: awaiting,
  route: {
    status, currentStep,
    steps: [
      { number: 1, approvers: [{ userId: 'bob', decision: 'approved' }] },
      { number: 2, approvers: Object.entries(step2).map(([userId, decision]) => ({ userId, decision })) },
    ],
  },
});
const task = { authorId: 'ann', assigneeId: 'dan' };

describe('routeActions', () => {
  it('lets a pending approver of the current step decide', () => {
    const f = form('in_progress', 2, { carol: 'pending', eve: 'approved' }, ['carol']);
    expect(routeActions(f, task, 'carol')).toEqual({ decide: true, revoke: false, reRequestSteps: [] });
  });

  it('lets an approver who decided revoke while the step waits for others', () => {
    const f = form('in_progress', 2, { carol: 'pending', eve: 'approved' }, ['carol']);
    expect(routeActions(f, task, 'eve')).toEqual({ decide: false, revoke: true, reRequestSteps: [] });
    // A decision on a completed step cannot be revoked.
    expect(routeActions(f, task, 'bob').revoke).toBe(false);
  });

  it('offers re-request of the current and earlier steps to the author and the responsible, also after the route closed', () => {
    const f = form('in_progress', 2, { carol: 'pending' }, ['carol']);
    expect(routeActions(f, task, 'ann').reRequestSteps).toEqual([2, 1]);
    expect(routeActions(f, task, 'dan').reRequestSteps).toEqual([2, 1]);
    const closed = form('approved', 2, { carol: 'approved' });
    expect(routeActions(closed, task, 'ann')).toEqual({ decide: false, revoke: false, reRequestSteps: [2, 1] });
    expect(routeActions(closed, task, 'carol').revoke).toBe(false);
  });

  it('offers nothing without a route', () => {
    const none: TaskForm = { templateId: 't', templateVersion: 1, values: {}, awaitingApprovalFrom: [], route: { status: 'approved', currentStep: 0, steps: [] } };
    expect(routeActions(none, task, 'ann')).toEqual({ decide: false, revoke: false, reRequestSteps: [] });
  });
});
