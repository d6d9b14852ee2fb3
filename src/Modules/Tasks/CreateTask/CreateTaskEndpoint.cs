using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Outbox;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Forms.Contracts;
using Platform.Modules.Identity.Contracts;
using Platform.Modules.Tasks.Access;
using Platform.Modules.Tasks.Attachments;
using Platform.Modules.Tasks.FormTasks;
using Platform.Modules.Tasks.Contracts;
using Platform.Modules.Tasks.Data;
using Platform.Modules.Tasks.Domain;

namespace Platform.Modules.Tasks.CreateTask;

internal sealed record CreateTaskRequest(string? Title, string? Description, Guid? AssigneeId, DateOnly? DueDate, DateTimeOffset? DueAt, int? DurationMinutes, CreateTaskForm? Form)
{
    /// <summary>People who follow the task from the start without taking part (see <see cref="WorkTask.Subscribe"/>).</summary>
    public IReadOnlyList<Guid>? SubscriberIds { get; init; }

    /// <summary>Uploaded file ids to attach to the task's first entry.</summary>
    public IReadOnlyList<Guid>? Attachments { get; init; }
}

/// <summary>A form task: the template (its current version is pinned) and the initial values.</summary>
internal sealed record CreateTaskForm(Guid? TemplateId, System.Text.Json.JsonElement? Values);

internal static class CreateTaskEndpoint
{
    private const int MaxSubscribers = 100;

    public static void Map(RouteGroupBuilder tasks) => tasks.MapPost("/", HandleAsync);

    private static async Task<IResult> HandleAsync(
        CreateTaskRequest request, CurrentUser me, TasksDbContext db, IUserDirectory directory, TimeProvider time,
        IFormTemplates templates, FormTaskService forms, TaskAccess access, FormReferenceCheck references, TaskAttachments attachments,
        CancellationToken ct)
    {
        FormTemplateVersion? template = null;
        var values = System.Text.Json.JsonDocument.Parse("{}").RootElement;
        if (request.Form is { } form)
        {
            template = form.TemplateId is { } templateId ? await templates.GetVersionAsync(me.OrganizationId, templateId, null, ct) : null;
            if (template is null || template.IsArchived)
                return Problems.Invalid("form.templateId", "is not an active form template of your organisation.");
            if (!(await access.FormRightsAsync(me, template.TemplateId, ct)).CanCreate)
                return Problems.Forbidden("You may not create tasks from this form: its access rights name who may.");
            if (form.Values is { ValueKind: System.Text.Json.JsonValueKind.Object } given)
                values = given;
            var fieldErrors = FormValueValidator.Validate(template, values, step: 1);
            if (fieldErrors.Count == 0)
                fieldErrors = await references.CheckAsync(me.OrganizationId, template, values, previous: null, ct);
            if (fieldErrors.Count > 0)
                return Problems.Invalid(fieldErrors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
            // A form task is named after its form unless the author names it.
            request = request with { Title = string.IsNullOrWhiteSpace(request.Title) ? template.Name : request.Title };
        }

        var errors = new FieldErrors()
            .Required("title", request.Title, WorkTask.MaxTitleLength)
            .Optional("description", request.Description, WorkTask.MaxDescriptionLength);
        // The assignee must be a member of the caller's organisation; an id from another tenant
        // reads exactly like one that does not exist.
        if (request.AssigneeId is { } assigneeId && await directory.FindAsync(me.OrganizationId, assigneeId, ct) is null)
            errors.Add("assigneeId", "is not a member of your organisation.");
        var subscribers = request.SubscriberIds?.Distinct().ToList() ?? [];
        if (subscribers.Count > MaxSubscribers)
            errors.Add("subscriberIds", $"give at most {MaxSubscribers} user ids.");
        else if (subscribers.Count > 0 && (await directory.FindManyAsync(me.OrganizationId, subscribers, ct)).Count != subscribers.Count)
            errors.Add("subscriberIds", "every subscriber must be a member of your organisation.");
        if (TaskAttachments.Validate(request.Attachments) is { } tooMany)
            errors.Add("attachments", tooMany);
        if (request.DueDate is not null && request.DueAt is not null)
            errors.Add("dueDate", "give either dueDate (a whole day) or dueAt (a moment), not both.");
        if (request.DurationMinutes is not null && (request.DueAt is null || request.DurationMinutes is < 1 or > 14 * 24 * 60))
            errors.Add("durationMinutes", "needs dueAt and must be between 1 and 20160.");
        if (errors.Any)
            return errors.ToProblem();

        var due = request.DueDate is null && request.DueAt is null ? null : new Due(request.DueDate, request.DueAt?.ToUniversalTime(), request.DurationMinutes);
        var task = WorkTask.Create(me.OrganizationId, me.UserId, request.Title!, request.Description, request.AssigneeId, time.GetUtcNowForDatabase(), due);
        if (template is not null)
            task.AttachForm(template.TemplateId, template.Version, values, RouteEngine.Start(await forms.ContextAsync(me.OrganizationId, template, values, ct)));
        // After the route: an approver or a rule's participant takes part, so does not also subscribe.
        task.AddInitialSubscribers(subscribers);
        try
        {
            task.AttachToCreated(await attachments.AttachAsync(me, task.Id, request.Attachments, ct));
        }
        catch (TaskFieldsException invalid)
        {
            return Problems.Invalid(invalid.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        }

        db.Tasks.Add(task);
        // The author has seen their own task: it is not "new activity" in their inbox.
        db.UserStates.Add(new TaskUserState(task.Id, task.OrganizationId, me.UserId) { LastReadAt = task.CreatedAt });
        db.AddIntegrationEvent(new TaskCreated(
            task.OrganizationId, task.Id, task.Title, task.AuthorId, task.AssigneeId, task.ParticipantIds, task.CreatedAt, task.SubscriberIds));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/tasks/{task.Id}", TaskDetailsResponse.From(task));
    }
}
