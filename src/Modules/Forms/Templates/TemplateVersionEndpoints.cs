using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Forms.Data;
using Platform.Modules.Identity.Contracts;

namespace Platform.Modules.Forms.Templates;

/// <summary>
/// /api/v1/forms/{id}/versions: a template's version history, newest first, and any one version in
/// full. Read rights are those of reading the template (every member of its organisation).
/// </summary>
internal static class TemplateVersionEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 200;

    public static void Map(RouteGroupBuilder forms)
    {
        forms.MapGet("/{id:guid}/versions", ListAsync);
        forms.MapGet("/{id:guid}/versions/{version:int}", GetAsync);
    }

    /// <summary>
    /// Newest first, keyset-paged on the version number: the cursor is the last version of the page
    /// (versions are dense and immutable, so nothing can slip in between pages except newer ones,
    /// which belong before the first page anyway).
    /// </summary>
    private static async Task<Results<Ok<TemplateVersionListResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        Guid id, CurrentUser me, FormsDbContext db, IUserDirectory directory, CancellationToken ct, int? limit = null, string? after = null)
    {
        if (limit is < 1 or > MaxLimit)
            return Problems.Invalid("limit", $"must be between 1 and {MaxLimit}.");
        int? below = null;
        if (after is not null)
        {
            if (!int.TryParse(after, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
                return Problems.Invalid("after", "is not a cursor of this list; pass the nextCursor of the previous page.");
            below = parsed;
        }
        var head = await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && t.OrganizationId == me.OrganizationId, ct);
        if (head is null)
            return Problems.NotFound("The form template");

        var take = (limit ?? DefaultLimit) + 1;
        // Counted in the database so that a page does not drag every version's definition over the wire.
        var rows = await db.Database.SqlQuery<VersionRow>($"""
                SELECT v.version AS "Version", v.created_at AS "CreatedAt", v.created_by AS "CreatedBy",
                       jsonb_array_length(v.fields) AS "FieldCount",
                       COALESCE(jsonb_array_length(v.route -> 'steps'), 0) AS "StepCount"
                FROM forms.form_template_versions v
                WHERE v.template_id = {id} AND ({below == null} OR v.version < {below ?? 0})
                ORDER BY v.version DESC
                LIMIT {take}
                """)
            .ToListAsync(ct);
        var more = rows.Count == take;
        if (more)
            rows.RemoveAt(rows.Count - 1);

        var authors = rows.Select(r => r.CreatedBy).Distinct().ToList();
        var names = authors.Count == 0 ? new Dictionary<Guid, string>()
            : (await directory.FindManyAsync(me.OrganizationId, authors, ct)).ToDictionary(u => u.Id, u => u.DisplayName);
        var items = rows.Select(r => new TemplateVersionSummaryResponse(
            r.Version, r.CreatedAt, r.CreatedBy, names.GetValueOrDefault(r.CreatedBy), r.FieldCount, r.StepCount)).ToList();
        var next = more ? items[^1].Version.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new TemplateVersionListResponse(items, head.CurrentVersion, next));
    }

    /// <summary>The full definition of one version; the same answer as <c>GET /api/v1/forms/{id}?version=n</c>.</summary>
    private static Task<Results<Ok<TemplateResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        Guid id, int version, CurrentUser me, FormsDbContext db, IUserDirectory directory, HttpResponse response, CancellationToken ct) =>
        TemplateEndpoints.ReadAsync(id, version, me, db, directory, response, ct);

    private sealed record VersionRow(int Version, DateTimeOffset CreatedAt, Guid CreatedBy, int FieldCount, int StepCount);
}
