using System.Text.Json;

namespace Platform.Modules.Forms.Contracts;

public sealed record ApproverDecision(Guid UserId, string Decision);

/// <summary>A step's approvers as resolved when the route entered it, with their decisions (empty for steps not entered yet).</summary>
public sealed record StepState(int Number, IReadOnlyList<ApproverDecision> Approvers);

/// <summary>
/// Where a form task is on its route. <see cref="CurrentStep"/> is 1-based (0 for a template
/// without steps); once closed it stays at the step where the route ended.
/// </summary>
public sealed record RouteState(int CurrentStep, string Status, IReadOnlyList<StepState> Steps)
{
    public bool IsClosed => Status != RouteStatuses.InProgress;

    public StepState? Step(int number) => Steps.FirstOrDefault(s => s.Number == number);
}

/// <summary>
/// An action by <see cref="ActorId"/>. <see cref="ActorIsResponsible"/> says whether the actor is the
/// task's responsible/author (the caller knows; re-request needs it). <see cref="Step"/> is only
/// read by re-request.
/// </summary>
public sealed record RouteAction(string Kind, Guid ActorId, bool ActorIsResponsible = false, int? Step = null);

/// <summary>Everything the engine reads: the pinned template version, the task's values and the members of the roles the route names.</summary>
public sealed record RouteContext(FormTemplateVersion Template, JsonElement Values, IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> RoleMembers)
{
    public static readonly IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> NoRoles = new Dictionary<Guid, IReadOnlyList<Guid>>();
}

public sealed record RouteEvent(string Kind, int Step, Guid? UserId = null);

/// <summary>
/// The outcome of an engine call: the new state and what happened, or an error (then
/// <see cref="State"/> is the unchanged input). <see cref="CurrentApprovers"/> are the approvers of
/// the current step after applying the rules; <see cref="Participants"/> the people the
/// participant rules add to the task.
/// </summary>
public sealed record RouteResult(
    RouteState State,
    IReadOnlyList<RouteEvent> Events,
    IReadOnlyList<Guid> CurrentApprovers,
    IReadOnlyList<Guid> Participants,
    string? ErrorCode = null,
    string? Error = null,
    IReadOnlyList<FieldError>? FieldErrors = null)
{
    public bool Succeeded => ErrorCode is null;
}
