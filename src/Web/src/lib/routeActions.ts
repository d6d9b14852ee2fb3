import type { TaskForm } from '../api/types';

export interface RouteActions {
  /** Approve / reject: I am a pending approver of the current step. */
  decide: boolean;
  /** Take back my approval: I decided on the current step and it has not moved on yet. */
  revoke: boolean;
  /** Steps I may re-request (as the task's author or responsible): the current one first, then earlier ones. */
  reRequestSteps: number[];
}

/** Which route buttons to offer, mirroring the route engine's rules (docs/forms.md, "Semantics"). */
export function routeActions(form: TaskForm, task: { authorId: string; assigneeId: string | null }, meId: string): RouteActions {
  const { route } = form;
  const inProgress = route.status === 'in_progress';
  const current = route.steps.find((s) => s.number === route.currentStep);
  const mine = current?.approvers.find((a) => a.userId === meId);
  const responsible = meId === task.authorId || meId === task.assigneeId;
  const reRequestSteps = responsible && route.currentStep >= 1
    ? Array.from({ length: route.currentStep }, (_, i) => route.currentStep - i)
    : [];
  return {
    decide: inProgress && form.awaitingApprovalFrom.includes(meId),
    revoke: inProgress && !!mine && mine.decision !== 'pending',
    reRequestSteps,
  };
}
