namespace Platform.Modules.Forms.Contracts;

/// <summary>The field type codes a template may use (stable: they are stored and sent over the API).</summary>
public static class FieldTypes
{
    public const string Text = "text";
    public const string MultilineText = "multiline_text";
    public const string Number = "number";
    public const string Money = "money";
    public const string Date = "date";
    public const string Time = "time";
    public const string DueDate = "due_date";
    public const string Checkbox = "checkbox";
    public const string SingleChoice = "single_choice";
    public const string MultipleChoice = "multiple_choice";
    public const string Person = "person";
    public const string Catalog = "catalog";
    public const string File = "file";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Table = "table";
    public const string Title = "title";
    public const string Section = "section";

    public static IReadOnlyList<string> All { get; } =
    [
        Text, MultilineText, Number, Money, Date, Time, DueDate, Checkbox, SingleChoice, MultipleChoice,
        Person, Catalog, File, Email, Phone, Table, Title, Section,
    ];

    /// <summary>Layout-only fields: they structure the form and never hold a value.</summary>
    public static bool IsLayout(string type) => type is Title or Section;

    /// <summary>Types whose values can be ordered (<c>greater</c>/<c>less</c> conditions).</summary>
    public static bool IsOrdered(string type) => type is Number or Money or Date or Time or DueDate;
}

/// <summary>What happens to a form task when a current-step approver rejects it.</summary>
public static class RejectBehaviors
{
    /// <summary>The route goes back one step (from step 1 it restarts step 1); both steps' decisions are reset.</summary>
    public const string BackToPreviousStep = "back_to_previous_step";
    /// <summary>The route restarts at step 1; every decision is reset.</summary>
    public const string BackToFirstStep = "back_to_first_step";
    /// <summary>The task is closed as rejected.</summary>
    public const string CloseRejected = "close_rejected";

    public static IReadOnlyList<string> All { get; } = [BackToPreviousStep, BackToFirstStep, CloseRejected];
}

public static class ConditionOperators
{
    public const string EqualTo = "equals";
    public const string NotEqualTo = "not_equals";
    public const string Greater = "greater";
    public const string Less = "less";
    public const string IsSet = "is_set";

    public static IReadOnlyList<string> All { get; } = [EqualTo, NotEqualTo, Greater, Less, IsSet];
}

public static class RuleActions
{
    /// <summary>Adds approvers to a step (<see cref="RouteRule.Step"/>).</summary>
    public const string AddApprover = "add_approver";
    /// <summary>Adds participants to the task (they see it, they do not approve).</summary>
    public const string AddParticipant = "add_participant";

    public static IReadOnlyList<string> All { get; } = [AddApprover, AddParticipant];
}

/// <summary>One option of a choice field. The id is stable across template versions; values store ids.</summary>
public sealed record ChoiceOption(string Id, string Label);

/// <summary>
/// One field of a template. <see cref="Code"/> is stable and unique within the template (values
/// are keyed by it). Per-type settings are the nullable members; the ones a type does not use are null.
/// Steps are 1-based: <see cref="RequiredFromStep"/> = 2 means the field must be filled before
/// step 2 can be approved (from the moment the task is at step 2); <see cref="ReadOnlyFromStep"/>
/// = 2 means the value can no longer change once the task has reached step 2.
/// </summary>
public sealed record FormField(string Code, string Type, string Label)
{
    public int? RequiredFromStep { get; init; }
    public int? ReadOnlyFromStep { get; init; }
    /// <summary>number: lower bound (inclusive).</summary>
    public decimal? Min { get; init; }
    /// <summary>number: upper bound (inclusive).</summary>
    public decimal? Max { get; init; }
    /// <summary>number: at most this many digits after the point (null = any); money: always 2.</summary>
    public int? Decimals { get; init; }
    /// <summary>money: ISO 4217 code, e.g. <c>RUB</c>.</summary>
    public string? Currency { get; init; }
    /// <summary>single_choice / multiple_choice.</summary>
    public IReadOnlyList<ChoiceOption>? Options { get; init; }
    /// <summary>catalog: the catalog values are keys of.</summary>
    public Guid? CatalogId { get; init; }
    /// <summary>table: the columns, each a non-table, non-layout field.</summary>
    public IReadOnlyList<FormField>? Columns { get; init; }
}

/// <summary>A condition on a top-level field's value. <see cref="Value"/> is the value as text (number, date, option id, "true", a person id).</summary>
public sealed record RouteCondition(string Field, string Operator, string? Value);

/// <summary>
/// A route rule: when <see cref="When"/> holds (or always, when null), adds <see cref="Users"/> and
/// the person in field <see cref="FromField"/> (a person field) as approvers of step
/// <see cref="Step"/> (<see cref="RuleActions.AddApprover"/>) or as participants
/// (<see cref="RuleActions.AddParticipant"/>).
/// </summary>
public sealed record RouteRule(string Action, int? Step, IReadOnlyList<Guid> Users, string? FromField, RouteCondition? When);

/// <summary>A step of the route: its approvers are these people plus every member of these roles (plus what rules add).</summary>
public sealed record RouteStep(int Number, string? Name, IReadOnlyList<Guid> Approvers, IReadOnlyList<Guid> Roles);

public sealed record FormRoute(IReadOnlyList<RouteStep> Steps, IReadOnlyList<RouteRule> Rules, string OnReject)
{
    public static FormRoute Empty { get; } = new([], [], RejectBehaviors.BackToPreviousStep);
}

/// <summary>
/// One immutable version of a form template. Tasks pin (<see cref="TemplateId"/>, <see cref="Version"/>):
/// a later change to the template is a new version and never alters this one.
/// </summary>
public sealed record FormTemplateVersion(
    Guid TemplateId,
    Guid OrganizationId,
    int Version,
    string Name,
    string? Description,
    IReadOnlyList<FormField> Fields,
    FormRoute Route,
    bool IsArchived,
    DateTimeOffset CreatedAt)
{
    public FormField? Field(string code) => Fields.FirstOrDefault(f => f.Code == code);
}

/// <summary>Template versions for other modules (Tasks pins one per form task).</summary>
public interface IFormTemplates
{
    /// <summary>
    /// The given version (the latest when <paramref name="version"/> is null), or null when the
    /// template or that version does not exist in the organisation. Archived templates are still
    /// returned (<see cref="FormTemplateVersion.IsArchived"/>): existing tasks keep working.
    /// </summary>
    Task<FormTemplateVersion?> GetVersionAsync(Guid organizationId, Guid templateId, int? version, CancellationToken ct);

    /// <summary>The members of every role the template's route names, for <see cref="RouteEngine"/>.</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<Guid>>> GetRoleMembersAsync(Guid organizationId, FormTemplateVersion version, CancellationToken ct);

    /// <summary>
    /// What <paramref name="userId"/> may do with the template by its access rights (directly or
    /// through a role); null when the template is not the organisation's. Organisation admins are
    /// not special here: the caller, who knows the admin flag, grants them everything.
    /// </summary>
    Task<FormUserAccess?> GetUserAccessAsync(Guid organizationId, Guid templateId, Guid userId, CancellationToken ct);
}

/// <summary>
/// A user's rights on one form. <see cref="CanCreate"/>: may create tasks from it (everyone, while
/// the form names no creators). <see cref="CanManage"/>: sees every task of the form, in its
/// register and when opening one.
/// </summary>
public sealed record FormUserAccess(bool CanCreate, bool CanManage);
