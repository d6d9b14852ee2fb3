namespace Platform.Modules.Forms.Contracts;

public static class RouteStatuses
{
    public const string InProgress = "in_progress";
    /// <summary>Every step approved: the task is complete (closed).</summary>
    public const string Approved = "approved";
    /// <summary>Rejected with <see cref="RejectBehaviors.CloseRejected"/>: the task is closed.</summary>
    public const string Rejected = "rejected";
}

public static class Decisions
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
}

public static class RouteActionKinds
{
    public const string Approve = "approve";
    public const string Reject = "reject";
    /// <summary>Takes back the actor's own decision on the current step.</summary>
    public const string Revoke = "revoke";
    /// <summary>Resets a step's decisions (the current one, or an earlier one given in <see cref="RouteAction.Step"/>); by the task's responsible/author only.</summary>
    public const string ReRequest = "re_request";
}

/// <summary>What the engine reports, in order. <see cref="RouteEvent.UserId"/> is the actor, where there is one.</summary>
public static class RouteEventKinds
{
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Revoked = "revoked";
    public const string ReRequested = "re_requested";
    public const string StepCompleted = "step_completed";
    /// <summary>A step whose approvers resolved to nobody: completed without a decision.</summary>
    public const string StepSkipped = "step_skipped";
    public const string MovedToStep = "moved_to_step";
    /// <summary>A rejection sent the route back to <see cref="RouteEvent.Step"/>.</summary>
    public const string ReturnedToStep = "returned_to_step";
    public const string ClosedApproved = "closed_approved";
    public const string ClosedRejected = "closed_rejected";
    /// <summary>A field change added (or removed) approvers of the current step.</summary>
    public const string ApproversChanged = "approvers_changed";
}

public static class RouteErrors
{
    public const string Closed = "route_closed";
    public const string NotAnApprover = "not_an_approver";
    public const string NothingToRevoke = "nothing_to_revoke";
    public const string NotResponsible = "not_responsible";
    public const string InvalidStep = "invalid_step";
    public const string FieldsInvalid = "fields_invalid";
    public const string UnknownAction = "unknown_action";
    public const string NoRoute = "no_route";
}
