using System.Text.Json;
using Platform.Modules.Forms.Contracts;
using Platform.Modules.Tasks.Domain;

namespace Platform.Modules.Tasks.FormTasks;

/// <summary>
/// Runs a form task's pinned template version and route: validation per step, the route engine
/// (pure, in Forms.Contracts) and the role members it needs. The task records the outcome.
/// </summary>
internal sealed class FormTaskService(IFormTemplates templates, FormReferenceCheck references)
{
    public async Task<FormTemplateVersion> PinnedVersionAsync(WorkTask task, CancellationToken ct) =>
        await templates.GetVersionAsync(task.OrganizationId, task.FormTemplateId!.Value, task.FormVersion, ct)
        ?? throw new TaskRuleException("The task's form template version is missing.");

    public async Task<RouteContext> ContextAsync(Guid organizationId, FormTemplateVersion template, JsonElement values, CancellationToken ct) =>
        new(template, values, await templates.GetRoleMembersAsync(organizationId, template, ct));

    /// <summary>New values for a form task: merged over the old, validated for the current step, rules re-applied.</summary>
    public async Task<TaskComment> ChangeFieldsAsync(WorkTask task, Guid actorId, JsonElement changes, string? text, DateTimeOffset now, CancellationToken ct)
    {
        if (!task.IsFormTask)
            throw new TaskRuleException("This task has no form.");
        var template = await PinnedVersionAsync(task, ct);
        var state = TaskFormJson.Deserialize(task.RouteState!);
        var previous = JsonDocument.Parse(task.FormValues!).RootElement;
        var values = TaskFormJson.Merge(previous, changes);
        var errors = FormValueValidator.Validate(template, values, Math.Max(1, state.CurrentStep), previous);
        if (errors.Count == 0)
            errors = await references.CheckAsync(task.OrganizationId, template, values, previous, ct);
        if (errors.Count > 0)
            throw new TaskFieldsException(errors);
        var route = RouteEngine.Refresh(await ContextAsync(task.OrganizationId, template, values, ct), state);
        return task.ChangeFields(actorId, values, route, text, now);
    }

    /// <summary>Approve, reject, revoke or re-request, as the route engine allows.</summary>
    public async Task<TaskComment> DecideAsync(WorkTask task, Guid actorId, string action, int? step, string? text, DateTimeOffset now, CancellationToken ct)
    {
        if (!task.IsFormTask)
            throw new TaskRuleException("This task has no approval route.");
        var template = await PinnedVersionAsync(task, ct);
        var values = JsonDocument.Parse(task.FormValues!).RootElement;
        var responsible = actorId == task.AssigneeId || actorId == task.AuthorId;
        var result = RouteEngine.Apply(await ContextAsync(task.OrganizationId, template, values, ct),
            TaskFormJson.Deserialize(task.RouteState!), new RouteAction(action, actorId, responsible, step));
        if (!result.Succeeded)
        {
            throw result.ErrorCode switch
            {
                RouteErrors.NotAnApprover or RouteErrors.NotResponsible => new TaskForbiddenException(result.Error ?? "You may not do that on this step."),
                RouteErrors.FieldsInvalid => new TaskFieldsException(result.FieldErrors ?? []),
                _ => new TaskRuleException(result.Error ?? result.ErrorCode!),
            };
        }
        var kind = action switch
        {
            RouteActionKinds.Approve => "approved",
            RouteActionKinds.Reject => "rejected",
            RouteActionKinds.Revoke => "revoked",
            _ => "re_requested",
        };
        return task.Decide(actorId, kind, result, text, now);
    }
}
