using System.Text.Json;
using Platform.Modules.Forms.Contracts;
using Platform.Modules.Forms.Domain;

namespace Platform.Modules.Forms.Templates;

internal sealed record TemplateRequest(string? Name, string? Description, IReadOnlyList<FieldRequest?>? Fields, RouteRequest? Route);

internal sealed record FieldRequest(
    string? Code, string? Type, string? Label, int? RequiredFromStep = null, int? ReadOnlyFromStep = null,
    decimal? Min = null, decimal? Max = null, int? Decimals = null, string? Currency = null,
    IReadOnlyList<OptionRequest?>? Options = null, Guid? CatalogId = null, IReadOnlyList<FieldRequest?>? Columns = null);

internal sealed record OptionRequest(string? Id, string? Label);

internal sealed record RouteRequest(IReadOnlyList<StepRequest?>? Steps, IReadOnlyList<RuleRequest?>? Rules, string? OnReject);

internal sealed record StepRequest(string? Name, IReadOnlyList<Guid>? Approvers, IReadOnlyList<Guid>? Roles);

internal sealed record RuleRequest(string? Action, int? Step, IReadOnlyList<Guid>? Users, string? FromField, ConditionRequest? When);

/// <summary><see cref="Value"/> may be a JSON string, number or boolean; it is kept as text.</summary>
internal sealed record ConditionRequest(string? Field, string? Operator, JsonElement? Value);

/// <summary>A version of a template; <see cref="CanCreate"/>/<see cref="CanManage"/> are the caller's rights on the form.</summary>
internal sealed record TemplateResponse(
    Guid Id, int Version, int LatestVersion, string Name, string? Description, bool IsArchived,
    IReadOnlyList<FormField> Fields, FormRoute Route, DateTimeOffset CreatedAt, DateTimeOffset VersionCreatedAt)
{
    /// <summary>Admins, who create and change templates, hold every right.</summary>
    public bool CanCreate { get; init; } = true;

    public bool CanManage { get; init; } = true;

    public static TemplateResponse From(FormTemplate head, FormTemplateVersionRecord version)
    {
        var contract = version.ToContract(head);
        return new TemplateResponse(head.Id, version.Version, head.CurrentVersion, contract.Name, contract.Description, head.IsArchived,
            contract.Fields, contract.Route, head.CreatedAt, version.CreatedAt);
    }
}

internal sealed record TemplateSummaryResponse(
    Guid Id, string Name, int Version, bool IsArchived, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool CanCreate, bool CanManage);

internal sealed record TemplateListResponse(IReadOnlyList<TemplateSummaryResponse> Items, string? NextCursor);

/// <summary>
/// One entry of a template's history. <see cref="FieldCount"/> counts top-level fields (layout ones
/// included, table columns not); <see cref="CreatedByName"/> is null when the author is no longer known.
/// </summary>
internal sealed record TemplateVersionSummaryResponse(
    int Version, DateTimeOffset CreatedAt, Guid CreatedBy, string? CreatedByName, int FieldCount, int StepCount);

internal sealed record TemplateVersionListResponse(IReadOnlyList<TemplateVersionSummaryResponse> Items, int LatestVersion, string? NextCursor);
