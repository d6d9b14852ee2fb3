using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Idempotency;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Forms.Contracts;
using Platform.Modules.Forms.Data;
using Platform.Modules.Forms.Domain;
using Platform.Modules.Catalogs.Contracts;
using Platform.Modules.Identity.Contracts;

namespace Platform.Modules.Forms.Templates;

/// <summary>/api/v1/forms: list, read (latest or any version), create, change (= new version), archive; the history in <see cref="TemplateVersionEndpoints"/>.</summary>
internal static class TemplateEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 200;

    public static void Map(RouteGroupBuilder forms)
    {
        forms.MapGet("/", ListAsync);
        forms.MapGet("/{id:guid}", GetAsync);
        forms.MapPost("/", CreateAsync)
            .RequireAuthorization(PlatformPolicies.OrganizationAdmin)
            .AddEndpointFilter<IdempotencyFilter<FormsDbContext>>();
        forms.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(PlatformPolicies.OrganizationAdmin);
        forms.MapPost("/{id:guid}/archive", ArchiveAsync).RequireAuthorization(PlatformPolicies.OrganizationAdmin);
        TemplateVersionEndpoints.Map(forms);
    }

    /// <summary>
    /// The organisation's templates, oldest first, keyset-paged on (createdAt, id). Archived ones only
    /// with includeArchived=true. Each says what the caller may do with it (canCreate, canManage).
    /// </summary>
    private static async Task<Results<Ok<TemplateListResponse>, ValidationProblem>> ListAsync(
        CurrentUser me, FormsDbContext db, IUserDirectory directory, CancellationToken ct, int? limit = null, string? after = null, bool includeArchived = false)
    {
        if (!PageRequest.TryParse(limit, after, DefaultLimit, MaxLimit, out var page, out var invalid))
            return invalid!;
        var cursor = page.After;

        // Row-value comparison keeps the keyset condition index-friendly; EF cannot express it.
        var rows = await db.Templates.FromSqlInterpolated($"""
                SELECT t.* FROM forms.form_templates t
                WHERE t.organization_id = {me.OrganizationId}
                  AND ({includeArchived} OR NOT t.is_archived)
                  AND ({cursor == null} OR (t.created_at, t.id) > ({cursor?.Timestamp ?? DateTimeOffset.UnixEpoch}, {cursor?.Id ?? Guid.Empty}))
                ORDER BY t.created_at, t.id
                LIMIT {page.Limit + 1}
                """)
            .AsNoTracking()
            .ToListAsync(ct);
        var rights = await CallerRightsAsync(db, directory, me, rows.Select(t => t.Id).ToList(), ct);
        var (items, next) = page.Slice(
            rows.Select(t => new TemplateSummaryResponse(t.Id, t.Name, t.CurrentVersion, t.IsArchived, t.CreatedAt, t.UpdatedAt,
                rights[t.Id].CanCreate, rights[t.Id].CanManage)).ToList(),
            t => new Cursor(t.CreatedAt, t.Id));
        return TypedResults.Ok(new TemplateListResponse(items, next));
    }

    /// <summary>What the caller may do with each template: admins everything, others by the forms' grants.</summary>
    private static async Task<Dictionary<Guid, (bool CanCreate, bool CanManage)>> CallerRightsAsync(
        FormsDbContext db, IUserDirectory directory, CurrentUser me, IReadOnlyCollection<Guid> templateIds, CancellationToken ct)
    {
        if (me.IsAdmin)
            return templateIds.Distinct().ToDictionary(id => id, _ => (true, true));
        var rules = await db.AccessRulesAsync(me.OrganizationId, templateIds, ct);
        var roles = rules.Values.Any(r => r.NeedsRoles) ? await directory.GetRolesOfUserAsync(me.OrganizationId, me.UserId, ct) : [];
        return rules.ToDictionary(r => r.Key, r => r.Value.For(me.UserId, roles, isAdmin: false));
    }

    /// <summary>The latest version, or <c>?version=n</c>. The ETag is the version returned.</summary>
    private static Task<Results<Ok<TemplateResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        Guid id, CurrentUser me, FormsDbContext db, IUserDirectory directory, HttpResponse response, CancellationToken ct, int? version = null) =>
        ReadAsync(id, version, me, db, directory, response, ct);

    /// <summary>One version of a template of the caller's organisation (the latest when <paramref name="version"/> is null).</summary>
    internal static async Task<Results<Ok<TemplateResponse>, ValidationProblem, ProblemHttpResult>> ReadAsync(
        Guid id, int? version, CurrentUser me, FormsDbContext db, IUserDirectory directory, HttpResponse response, CancellationToken ct)
    {
        if (version is < 1)
            return Problems.Invalid("version", "must be 1 or more.");
        var head = await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && t.OrganizationId == me.OrganizationId, ct);
        if (head is null)
            return Problems.NotFound("The form template");
        var number = version ?? head.CurrentVersion;
        var record = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.TemplateId == id && v.Version == number, ct);
        if (record is null)
            return Problems.NotFound($"Version {number} of the form template");
        EntityVersions.SetETag(response, record.Version);
        var (canCreate, canManage) = (await CallerRightsAsync(db, directory, me, [id], ct))[id];
        return TypedResults.Ok(TemplateResponse.From(head, record) with { CanCreate = canCreate, CanManage = canManage });
    }

    private static async Task<Results<Created<TemplateResponse>, ValidationProblem>> CreateAsync(
        TemplateRequest request, CurrentUser me, FormsDbContext db, IUserDirectory directory, ICatalogLookup catalogs, HttpResponse response, TimeProvider time, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var definition = TemplateInput.Parse(request, previous: null, errors);
        if (definition is not null)
            await CheckReferencesAsync(definition, me.OrganizationId, directory, catalogs, errors, ct);
        if (errors.Any)
            return errors.ToProblem();

        var (head, version) = FormTemplate.Create(me.OrganizationId, me.UserId, definition!, time.GetUtcNowForDatabase());
        await using var transaction = await db.BeginUnlessInTransactionAsync(ct);
        db.Templates.Add(head);
        db.Versions.Add(version);
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
            await transaction.CommitAsync(ct);

        EntityVersions.SetETag(response, version.Version);
        return TypedResults.Created($"/api/v1/forms/{head.Id}", TemplateResponse.From(head, version));
    }

    /// <summary>A new version with the complete new definition. If-Match (optional) names the version the change is based on.</summary>
    private static async Task<Results<Ok<TemplateResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, TemplateRequest request, CurrentUser me, FormsDbContext db, IUserDirectory directory, ICatalogLookup catalogs, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var head = await db.LockAsync(id, me.OrganizationId, ct);
        if (head is null)
            return Problems.NotFound("The form template");
        if (!EntityVersions.IfMatchAllows(http.Request, head.CurrentVersion))
            return EntityVersions.PreconditionFailed(http.Response, head.CurrentVersion, "form template");
        if (head.IsArchived)
            return Problems.Conflict("The form template is archived; archived templates cannot be changed.");

        var current = await db.Versions.AsNoTracking().FirstAsync(v => v.TemplateId == id && v.Version == head.CurrentVersion, ct);
        var errors = new FieldErrors();
        var definition = TemplateInput.Parse(request, current.ToContract(head), errors);
        if (definition is not null)
            await CheckReferencesAsync(definition, me.OrganizationId, directory, catalogs, errors, ct);
        if (errors.Any)
            return errors.ToProblem();

        var version = head.NewVersion(me.UserId, definition!, time.GetUtcNowForDatabase());
        db.Versions.Add(version);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        EntityVersions.SetETag(http.Response, version.Version);
        return TypedResults.Ok(TemplateResponse.From(head, version));
    }

    /// <summary>Hides the template from lists and stops changes; its versions stay readable, so existing tasks keep working.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> ArchiveAsync(
        Guid id, CurrentUser me, FormsDbContext db, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var head = await db.LockAsync(id, me.OrganizationId, ct);
        if (head is null)
            return Problems.NotFound("The form template");
        if (!EntityVersions.IfMatchAllows(http.Request, head.CurrentVersion))
            return EntityVersions.PreconditionFailed(http.Response, head.CurrentVersion, "form template");
        if (!head.IsArchived)
        {
            head.Archive(time.GetUtcNowForDatabase());
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// What the definition refers to must exist in the organisation: the people the route names,
    /// the roles of its steps (an unknown role would silently skip its step) and the catalogs of
    /// catalog fields and columns.
    /// </summary>
    private static async Task CheckReferencesAsync(TemplateDefinition definition, Guid organizationId, IUserDirectory directory,
        ICatalogLookup catalogs, FieldErrors errors, CancellationToken ct)
    {
        var route = definition.Route;
        var people = route.Steps.SelectMany(s => s.Approvers).Concat(route.Rules.SelectMany(r => r.Users)).Distinct().ToList();
        var knownPeople = people.Count == 0 ? [] : (await directory.FindManyAsync(organizationId, people, ct)).Select(u => u.Id).ToHashSet();
        for (var i = 0; i < route.Steps.Count; i++)
            Report($"route.steps[{i}].approvers", route.Steps[i].Approvers, knownPeople, "a member");
        for (var i = 0; i < route.Rules.Count; i++)
            Report($"route.rules[{i}].users", route.Rules[i].Users, knownPeople, "a member");

        var roles = route.Steps.SelectMany(s => s.Roles).Distinct().ToList();
        var knownRoles = (await directory.FindRolesAsync(organizationId, roles, ct)).ToHashSet();
        for (var i = 0; i < route.Steps.Count; i++)
            Report($"route.steps[{i}].roles", route.Steps[i].Roles, knownRoles, "a role");

        var catalogFields = new List<(string Path, Guid CatalogId)>();
        for (var i = 0; i < definition.Fields.Count; i++)
        {
            var field = definition.Fields[i];
            if (field.CatalogId is { } catalog)
                catalogFields.Add(($"fields[{i}].catalogId", catalog));
            for (var j = 0; j < (field.Columns?.Count ?? 0); j++)
            {
                if (field.Columns![j].CatalogId is { } columnCatalog)
                    catalogFields.Add(($"fields[{i}].columns[{j}].catalogId", columnCatalog));
            }
        }
        var knownCatalogs = (await catalogs.FindCatalogsAsync(organizationId, catalogFields.Select(c => c.CatalogId).Distinct().ToList(), ct)).ToHashSet();
        foreach (var (path, catalogId) in catalogFields.Where(c => !knownCatalogs.Contains(c.CatalogId)))
            errors.Add(path, $"{catalogId} is not a catalog of your organisation.");

        void Report(string path, IReadOnlyList<Guid> ids, HashSet<Guid> known, string what)
        {
            foreach (var unknown in ids.Where(u => !known.Contains(u)))
                errors.Add(path, $"{unknown} is not {what} of your organisation.");
        }
    }
}
