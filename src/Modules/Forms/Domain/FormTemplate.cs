using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Modules.Forms.Contracts;

namespace Platform.Modules.Forms.Domain;

internal static class FormLimits
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxLabelLength = 200;
    public const int MaxFields = 300;
    public const int MaxColumns = 50;
    public const int MaxOptions = 500;
    public const int MaxSteps = 30;
    public const int MaxRules = 100;
    public const int MaxPeoplePerList = 200;
}

/// <summary>
/// A form template: the mutable head (name for lists, current version, archived flag) of an
/// append-only list of <see cref="FormTemplateVersionRecord"/>s. Every change to the definition
/// appends a version; versions are never updated or deleted, so a task pinned to one stays valid.
/// </summary>
internal sealed class FormTemplate
{
    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Name { get; private set; } = null!;
    public int CurrentVersion { get; private set; }
    public bool IsArchived { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    private FormTemplate() { }

    public static (FormTemplate, FormTemplateVersionRecord) Create(Guid organizationId, Guid userId, TemplateDefinition definition, DateTimeOffset now)
    {
        var template = new FormTemplate
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            Name = definition.Name,
            CurrentVersion = 1,
            CreatedBy = userId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        return (template, FormTemplateVersionRecord.Create(template.Id, 1, userId, definition, now));
    }

    public FormTemplateVersionRecord NewVersion(Guid userId, TemplateDefinition definition, DateTimeOffset now)
    {
        CurrentVersion++;
        Name = definition.Name;
        UpdatedAt = now;
        return FormTemplateVersionRecord.Create(Id, CurrentVersion, userId, definition, now);
    }

    public void Archive(DateTimeOffset now)
    {
        IsArchived = true;
        UpdatedAt = now;
    }
}

/// <summary>One immutable version: the definition as JSON (fields and route, see <see cref="DefinitionJson"/>).</summary>
internal sealed class FormTemplateVersionRecord
{
    public Guid TemplateId { get; private set; }
    public int Version { get; private set; }
    public string Name { get; private set; } = null!;
    public string? Description { get; private set; }
    public string Fields { get; private set; } = null!;
    public string Route { get; private set; } = null!;
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    private FormTemplateVersionRecord() { }

    public static FormTemplateVersionRecord Create(Guid templateId, int version, Guid userId, TemplateDefinition definition, DateTimeOffset now) => new()
    {
        TemplateId = templateId,
        Version = version,
        Name = definition.Name,
        Description = definition.Description,
        Fields = JsonSerializer.Serialize(definition.Fields, DefinitionJson.Options),
        Route = JsonSerializer.Serialize(definition.Route, DefinitionJson.Options),
        CreatedBy = userId,
        CreatedAt = now,
    };

    public FormTemplateVersion ToContract(FormTemplate head) => new(
        TemplateId, head.OrganizationId, Version, Name, Description,
        JsonSerializer.Deserialize<List<FormField>>(Fields, DefinitionJson.Options)!,
        JsonSerializer.Deserialize<FormRoute>(Route, DefinitionJson.Options)!,
        head.IsArchived, CreatedAt);
}

/// <summary>A validated definition, ready to become a version.</summary>
internal sealed record TemplateDefinition(string Name, string? Description, IReadOnlyList<FormField> Fields, FormRoute Route);

/// <summary>The stored JSON shape of fields and routes: the Contracts records, camelCase, nulls left out.</summary>
internal static class DefinitionJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
