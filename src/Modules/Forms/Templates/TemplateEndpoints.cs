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
using Platform.Modules.Forms.Web;
using Platform.Modules.Identity.Contracts;

namespace Platform.Modules.Forms.Templates;

/// <summary>/api/v1/forms: list, read (latest or any version), create, change (= new version), archive.</summary>
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
    }

    /// <summary>The organisation's templates, oldest first, keyset-paged on (createdAt, id). Archived ones only with includeArchived=true.</summary>
    private static async Task<Results<Ok<TemplateListResponse>, ValidationProblem>> ListAsync(
        CurrentUser me, FormsDbContext db, CancellationToken ct, int? limit = null, string? after = null, bool includeArchived = false)
    {
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
            return Problems.Invalid("limit", $"must be between 1 and {MaxLimit}.");
        Cursor? cursor = null;
        if (after is not null)
        {
            if (!Cursor.TryDecode(after, out var decoded))
                return Problems.Invalid("after", "is not a cursor returned by this endpoint.");
            cursor = decoded;
        }

        // Row-value comparison keeps the keyset condition index-friendly; EF cannot express it.
        var page = await db.Templates.FromSqlInterpolated($"""
                SELECT t.* FROM forms.form_templates t
                WHERE t.organization_id = {me.OrganizationId}
                  AND ({includeArchived} OR NOT t.is_archived)
                  AND ({cursor == null} OR (t.created_at, t.id) > ({cursor?.Timestamp ?? DateTimeOffset.UnixEpoch}, {cursor?.Id ?? Guid.Empty}))
                ORDER BY t.created_at, t.id
                LIMIT {take + 1}
                """)
            .AsNoTracking()
            .Select(t => new TemplateSummaryResponse(t.Id, t.Name, t.CurrentVersion, t.IsArchived, t.CreatedAt, t.UpdatedAt))
            .ToListAsync(ct);
        var items = page.Take(take).ToList();
        var next = page.Count > take ? new Cursor(items[^1].CreatedAt, items[^1].Id).Encode() : null;
        return TypedResults.Ok(new TemplateListResponse(items, next));
    }

    /// <summary>The latest version, or <c>?version=n</c>. The ETag is the version returned.</summary>
    private static async Task<Results<Ok<TemplateResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        Guid id, CurrentUser me, FormsDbContext db, HttpResponse response, CancellationToken ct, int? version = null)
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
        return TypedResults.Ok(TemplateResponse.From(head, record));
    }

    private static async Task<Results<Created<TemplateResponse>, ValidationProblem>> CreateAsync(
        TemplateRequest request, CurrentUser me, FormsDbContext db, IUserDirectory directory, HttpResponse response, TimeProvider time, CancellationToken ct)
    {
        var errors = new InputErrors();
        var definition = TemplateInput.Parse(request, previous: null, errors);
        if (definition is not null)
            await CheckPeopleAsync(definition, me.OrganizationId, directory, errors, ct);
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
        Guid id, TemplateRequest request, CurrentUser me, FormsDbContext db, IUserDirectory directory, HttpContext http, TimeProvider time, CancellationToken ct)
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
        var errors = new InputErrors();
        var definition = TemplateInput.Parse(request, current.ToContract(head), errors);
        if (definition is not null)
            await CheckPeopleAsync(definition, me.OrganizationId, directory, errors, ct);
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

    /// <summary>Every person the route names must be a member of the organisation.</summary>
    private static async Task CheckPeopleAsync(TemplateDefinition definition, Guid organizationId, IUserDirectory directory, InputErrors errors, CancellationToken ct)
    {
        var route = definition.Route;
        var all = route.Steps.SelectMany(s => s.Approvers).Concat(route.Rules.SelectMany(r => r.Users)).Distinct().ToList();
        if (all.Count == 0)
            return;
        var known = (await directory.FindManyAsync(organizationId, all, ct)).Select(u => u.Id).ToHashSet();
        for (var i = 0; i < route.Steps.Count; i++)
            Report($"route.steps[{i}].approvers", route.Steps[i].Approvers);
        for (var i = 0; i < route.Rules.Count; i++)
            Report($"route.rules[{i}].users", route.Rules[i].Users);

        void Report(string path, IReadOnlyList<Guid> ids)
        {
            foreach (var unknown in ids.Where(u => !known.Contains(u)))
                errors.Add(path, $"{unknown} is not a member of your organisation.");
        }
    }
}
