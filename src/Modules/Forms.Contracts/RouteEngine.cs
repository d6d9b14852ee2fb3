namespace Platform.Modules.Forms.Contracts;

/// <summary>
/// The approval route of a form task. Pure and deterministic: the same inputs give the same result.
/// <list type="bullet">
/// <item>When a step is entered its approvers are resolved: the step's people, the members of its
/// roles, and what <see cref="RuleActions.AddApprover"/> rules whose condition holds add (fixed
/// people, or the person in a person field), in that order without duplicates. A step that resolves
/// to nobody is skipped.</item>
/// <item>When every approver of the current step has approved, the route moves to the next step;
/// after the last step it closes as approved (the task is complete). Approving requires the values
/// to be valid for the current step (<see cref="FormValueValidator"/>: required fields filled).</item>
/// <item>One rejection by a current-step approver applies the template's
/// <see cref="FormRoute.OnReject"/> at once.</item>
/// <item>Only current-step approvers approve or reject; an approver revokes only their own decision
/// on the current step; the responsible/author re-requests a step (the current one or an earlier
/// one, also after the route closed), which resets that step's and later steps' decisions.</item>
/// </list>
/// </summary>
public static partial class RouteEngine
{
    /// <summary>Enters step 1 (skipping steps without approvers).</summary>
    public static RouteResult Start(RouteContext context)
    {
        var steps = context.Template.Route.Steps;
        var empty = steps.Select(s => new StepState(s.Number, [])).ToList();
        if (steps.Count == 0)
            return Result(context, new RouteState(0, RouteStatuses.InProgress, empty), []);
        var events = new List<RouteEvent>();
        var state = Enter(context, new RouteState(1, RouteStatuses.InProgress, empty), 1, events, RouteEventKinds.MovedToStep);
        return Result(context, state, events);
    }

    public static RouteResult Apply(RouteContext context, RouteState state, RouteAction action)
    {
        if (context.Template.Route.Steps.Count == 0)
            return Fail(context, state, RouteErrors.NoRoute, "This form has no approval route.");
        return action.Kind switch
        {
            RouteActionKinds.Approve => Approve(context, state, action.ActorId),
            RouteActionKinds.Reject => Reject(context, state, action.ActorId),
            RouteActionKinds.Revoke => Revoke(context, state, action.ActorId),
            RouteActionKinds.ReRequest => ReRequest(context, state, action),
            _ => Fail(context, state, RouteErrors.UnknownAction, $"Unknown route action \"{action.Kind}\"."),
        };
    }

    /// <summary>
    /// Re-evaluates the current step's approvers after the values changed: approvers a rule now adds
    /// join (pending), rule-added approvers whose condition no longer holds leave; the others keep
    /// their decisions. If everyone left has approved, the route moves on.
    /// </summary>
    public static RouteResult Refresh(RouteContext context, RouteState state)
    {
        if (state.IsClosed || state.CurrentStep == 0)
            return Result(context, state, []);
        var current = state.Step(state.CurrentStep)!;
        var resolved = ResolveApprovers(context, state.CurrentStep);
        var decisions = resolved
            .Select(u => current.Approvers.FirstOrDefault(a => a.UserId == u) ?? new ApproverDecision(u, Decisions.Pending))
            .ToList();
        if (decisions.Select(d => d.UserId).SequenceEqual(current.Approvers.Select(a => a.UserId)))
            return Result(context, state, []);
        var events = new List<RouteEvent> { new(RouteEventKinds.ApproversChanged, state.CurrentStep) };
        state = WithStep(state, new StepState(state.CurrentStep, decisions));
        if (decisions.Count == 0 || decisions.All(d => d.Decision == Decisions.Approved))
            state = CompleteCurrent(context, state, events);
        return Result(context, state, events);
    }

    private static RouteResult Approve(RouteContext context, RouteState state, Guid actor)
    {
        if (CheckApprover(context, state, actor) is { } error)
            return error;
        var current = state.Step(state.CurrentStep)!;
        if (current.Approvers.Any(a => a.UserId == actor && a.Decision == Decisions.Approved))
            return Result(context, state, []); // a repeated approval (a retry) changes nothing
        var fieldErrors = FormValueValidator.Validate(context.Template, context.Values, state.CurrentStep, context.Values);
        if (fieldErrors.Count > 0)
            return Fail(context, state, RouteErrors.FieldsInvalid, "The form's values are not complete or valid for this step.", fieldErrors);

        var events = new List<RouteEvent> { new(RouteEventKinds.Approved, state.CurrentStep, actor) };
        state = WithDecision(state, actor, Decisions.Approved);
        if (state.Step(state.CurrentStep)!.Approvers.All(a => a.Decision == Decisions.Approved))
            state = CompleteCurrent(context, state, events);
        return Result(context, state, events);
    }

    private static RouteResult Reject(RouteContext context, RouteState state, Guid actor)
    {
        if (CheckApprover(context, state, actor) is { } error)
            return error;
        var step = state.CurrentStep;
        var events = new List<RouteEvent> { new(RouteEventKinds.Rejected, step, actor) };
        state = WithDecision(state, actor, Decisions.Rejected);
        switch (context.Template.Route.OnReject)
        {
            case RejectBehaviors.CloseRejected:
                state = state with { Status = RouteStatuses.Rejected };
                events.Add(new RouteEvent(RouteEventKinds.ClosedRejected, step));
                break;
            default:
                var target = context.Template.Route.OnReject == RejectBehaviors.BackToFirstStep ? 1 : Math.Max(1, step - 1);
                state = ResetFrom(state, target);
                state = Enter(context, state, target, events, RouteEventKinds.ReturnedToStep);
                break;
        }
        return Result(context, state, events);
    }

    private static RouteResult Revoke(RouteContext context, RouteState state, Guid actor)
    {
        if (state.IsClosed)
            return Fail(context, state, RouteErrors.Closed, "The route is closed; ask the responsible to re-request approval.");
        var current = state.Step(state.CurrentStep)!;
        if (!current.Approvers.Any(a => a.UserId == actor && a.Decision != Decisions.Pending))
            return Fail(context, state, RouteErrors.NothingToRevoke, "You have no decision on the current step to revoke.");
        state = WithDecision(state, actor, Decisions.Pending);
        return Result(context, state, [new RouteEvent(RouteEventKinds.Revoked, state.CurrentStep, actor)]);
    }

    private static RouteResult ReRequest(RouteContext context, RouteState state, RouteAction action)
    {
        if (!action.ActorIsResponsible)
            return Fail(context, state, RouteErrors.NotResponsible, "Only the task's responsible or author can re-request approval.");
        var step = action.Step ?? state.CurrentStep;
        if (step < 1 || step > state.CurrentStep)
            return Fail(context, state, RouteErrors.InvalidStep, $"Step {step} cannot be re-requested: only the current step ({state.CurrentStep}) or an earlier one.");
        var events = new List<RouteEvent> { new(RouteEventKinds.ReRequested, step, action.ActorId) };
        state = ResetFrom(state, step) with { Status = RouteStatuses.InProgress };
        state = Enter(context, state, step, events, RouteEventKinds.MovedToStep);
        return Result(context, state, events);
    }

    private static RouteResult? CheckApprover(RouteContext context, RouteState state, Guid actor)
    {
        if (state.IsClosed)
            return Fail(context, state, RouteErrors.Closed, "The route is closed.");
        var current = state.Step(state.CurrentStep);
        if (current is null || !current.Approvers.Any(a => a.UserId == actor))
            return Fail(context, state, RouteErrors.NotAnApprover, $"You are not an approver of step {state.CurrentStep}.");
        return null;
    }

    /// <summary>The current step is done: on to the next step, or closed as approved after the last.</summary>
    private static RouteState CompleteCurrent(RouteContext context, RouteState state, List<RouteEvent> events)
    {
        events.Add(new RouteEvent(RouteEventKinds.StepCompleted, state.CurrentStep));
        var next = NextStep(context, state.CurrentStep);
        if (next is null)
        {
            events.Add(new RouteEvent(RouteEventKinds.ClosedApproved, state.CurrentStep));
            return state with { Status = RouteStatuses.Approved };
        }
        return Enter(context, state, next.Value, events, RouteEventKinds.MovedToStep);
    }

    /// <summary>Makes <paramref name="number"/> the current step with freshly resolved approvers; skips it when nobody resolves.</summary>
    private static RouteState Enter(RouteContext context, RouteState state, int number, List<RouteEvent> events, string how)
    {
        while (true)
        {
            var approvers = ResolveApprovers(context, number).Select(u => new ApproverDecision(u, Decisions.Pending)).ToList();
            state = WithStep(state, new StepState(number, approvers)) with { CurrentStep = number, Status = RouteStatuses.InProgress };
            events.Add(new RouteEvent(how, number));
            if (approvers.Count > 0)
                return state;
            events.Add(new RouteEvent(RouteEventKinds.StepSkipped, number));
            var next = NextStep(context, number);
            if (next is null)
            {
                events.Add(new RouteEvent(RouteEventKinds.ClosedApproved, number));
                return state with { Status = RouteStatuses.Approved };
            }
            number = next.Value;
            how = RouteEventKinds.MovedToStep;
        }
    }

    private static int? NextStep(RouteContext context, int number)
    {
        var next = context.Template.Route.Steps.Where(s => s.Number > number).Select(s => (int?)s.Number).Min();
        return next;
    }

    private static RouteState ResetFrom(RouteState state, int step) =>
        state with { Steps = state.Steps.Select(s => s.Number >= step ? s with { Approvers = [] } : s).ToList() };

    private static RouteState WithStep(RouteState state, StepState step)
    {
        var steps = state.Steps.Where(s => s.Number != step.Number).Append(step).OrderBy(s => s.Number).ToList();
        return state with { Steps = steps };
    }

    private static RouteState WithDecision(RouteState state, Guid actor, string decision)
    {
        var current = state.Step(state.CurrentStep)!;
        var approvers = current.Approvers.Select(a => a.UserId == actor ? a with { Decision = decision } : a).ToList();
        return WithStep(state, current with { Approvers = approvers });
    }

    private static RouteResult Result(RouteContext context, RouteState state, IReadOnlyList<RouteEvent> events) =>
        new(state, events, CurrentApprovers(state), ResolveParticipants(context));

    private static List<Guid> CurrentApprovers(RouteState state) =>
        state.IsClosed ? [] : state.Step(state.CurrentStep)?.Approvers.Select(a => a.UserId).ToList() ?? [];

    private static RouteResult Fail(RouteContext context, RouteState state, string code, string message, IReadOnlyList<FieldError>? fieldErrors = null) =>
        new(state, [], CurrentApprovers(state), ResolveParticipants(context), code, message, fieldErrors);
}
