using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Idempotency;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Catalogs.Data;
using Platform.Modules.Catalogs.Domain;

namespace Platform.Modules.Catalogs.CreateCatalog;

internal sealed record CreateCatalogRequest(string? Name, IReadOnlyList<HeaderRequest?>? Headers, IReadOnlyList<ItemRequest?>? Items);

internal static class CreateCatalogEndpoint
{
    public static void Map(RouteGroupBuilder catalogs) => catalogs.MapPost("/", HandleAsync)
        .RequireAuthorization(PlatformPolicies.OrganizationAdmin)
        .AddEndpointFilter<IdempotencyFilter<CatalogsDbContext>>();

    private static async Task<Results<Created<CatalogResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        CreateCatalogRequest request, CurrentUser me, CatalogsDbContext db, HttpResponse response, TimeProvider time, CancellationToken ct)
    {
        var errors = new FieldErrors(FieldErrors.BulkMaxReported);
        var name = CatalogInput.Name(request.Name, errors);
        var headers = CatalogInput.Headers(request.Headers, errors);
        var items = headers is null ? null : CatalogInput.Items("items", request.Items, headers.Count, errors);
        if (errors.Any)
            return errors.ToProblem();

        if (await db.Catalogs.AnyAsync(c => c.OrganizationId == me.OrganizationId && c.Name == name, ct))
            return NameTaken(name!);

        var now = time.GetUtcNowForDatabase();
        var catalog = Catalog.Create(me.OrganizationId, name!, headers!, now);
        await using var transaction = await db.BeginUnlessInTransactionAsync(ct);
        db.Catalogs.Add(catalog);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A concurrent create with the same name won the race.
            return NameTaken(name!);
        }

        if (items!.Count > 0)
        {
            var rows = ItemRows.From(items, catalog.OrderedColumns.Select(c => c.Id).ToList());
            await CatalogItemWriter.WriteAsync(db, catalog.Id, rows, ItemWriteMode.Merge, [], [], now, ct);
            catalog.Filled(rows.Count);
            await db.SaveChangesAsync(ct);
        }
        if (transaction is not null)
            await transaction.CommitAsync(ct);

        EntityVersions.SetETag(response, catalog.Version);
        return TypedResults.Created($"/api/v1/catalogs/{catalog.Id}", CatalogResponse.From(catalog));
    }

    private static ProblemHttpResult NameTaken(string name) =>
        Problems.Conflict($"Your organisation already has a catalog named \"{name}\".");
}
