using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Identity.Data;
using Platform.Modules.Identity.People;

namespace Platform.Modules.Identity.Roles;

/// <summary>
/// Roles: named groups ("Accountants") that permissions and approval routes refer to. Members
/// read them; admins create, rename, delete them and change their members
/// (<see cref="RoleMemberEndpoints"/>). Names are unique in an organisation, ignoring case.
/// </summary>
internal static class RoleEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var roles = api.MapGroup("/roles");
        roles.MapGet("/", ListAsync).RequireAuthorization(PlatformPolicies.Member);
        roles.MapGet("/{id:guid}", GetAsync).RequireAuthorization(PlatformPolicies.Member);
        roles.MapPost("/", CreateAsync).RequireAuthorization(PlatformPolicies.OrganizationAdmin);
        roles.MapPut("/{id:guid}", RenameAsync).RequireAuthorization(PlatformPolicies.OrganizationAdmin);
        roles.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(PlatformPolicies.OrganizationAdmin);
        RoleMemberEndpoints.Map(roles);
    }

    private static async Task<Ok<RoleList>> ListAsync(CurrentUser me, IdentityDbContext db, CancellationToken ct)
    {
        var roles = await db.Roles.AsNoTracking()
            .Where(r => r.OrganizationId == me.OrganizationId)
            .OrderBy(r => r.Name).ThenBy(r => r.Id)
            .ToListAsync(ct);
        var members = (await db.RoleMembers.AsNoTracking()
                .Where(m => m.OrganizationId == me.OrganizationId)
                .OrderBy(m => m.UserId)
                .Select(m => new { m.RoleId, m.UserId })
                .ToListAsync(ct))
            .ToLookup(m => m.RoleId, m => m.UserId);
        return TypedResults.Ok(new RoleList(roles.Select(r => new RoleItem(r.Id, r.Name, members[r.Id].ToList())).ToList()));
    }

    private static async Task<Results<Ok<RoleDetails>, ProblemHttpResult>> GetAsync(Guid id, CurrentUser me, IdentityDbContext db, CancellationToken ct)
    {
        var role = await db.Roles.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.OrganizationId == me.OrganizationId, ct);
        return role is null ? Problems.NotFound("The role") : TypedResults.Ok(await DetailsAsync(db, role, ct));
    }

    private static async Task<Results<Created<RoleDetails>, ValidationProblem>> CreateAsync(
        RoleRequest request, CurrentUser me, IdentityDbContext db, TimeProvider time, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockAsync(OrganizationLocks.Roles, me.OrganizationId, ct);
        var role = new Role { Id = Guid.CreateVersion7(), OrganizationId = me.OrganizationId, CreatedAt = time.GetUtcNowForDatabase() };
        var errors = await ValidateAsync(request, role, db, ct);
        if (errors.Any)
            return errors.ToProblem();
        role.Name = request.Name!.Trim();
        db.Roles.Add(role);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/roles/{role.Id}", new RoleDetails(role.Id, role.Name, []));
    }

    private static async Task<Results<Ok<RoleDetails>, ValidationProblem, ProblemHttpResult>> RenameAsync(
        Guid id, RoleRequest request, CurrentUser me, IdentityDbContext db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockAsync(OrganizationLocks.Roles, me.OrganizationId, ct);
        var role = await db.Roles.FirstOrDefaultAsync(r => r.Id == id && r.OrganizationId == me.OrganizationId, ct);
        if (role is null)
            return Problems.NotFound("The role");
        var errors = await ValidateAsync(request, role, db, ct);
        if (errors.Any)
            return errors.ToProblem();
        role.Name = request.Name!.Trim();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await DetailsAsync(db, role, ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, CurrentUser me, IdentityDbContext db, CancellationToken ct)
    {
        var deleted = await db.Roles.Where(r => r.Id == id && r.OrganizationId == me.OrganizationId).ExecuteDeleteAsync(ct);
        return deleted == 0 ? Problems.NotFound("The role") : TypedResults.NoContent();
    }

    private static async Task<FieldErrors> ValidateAsync(RoleRequest request, Role role, IdentityDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("name", request.Name, Role.MaxNameLength);
        if (!errors.Any)
        {
            var name = LikePattern.Escape(request.Name!.Trim());
            if (await db.Roles.AnyAsync(r => r.OrganizationId == role.OrganizationId && r.Id != role.Id
                                             && EF.Functions.ILike(r.Name, name, LikePattern.EscapeCharacter), ct))
                errors.Add("name", "is already used by another role.");
        }
        return errors;
    }

    private static async Task<RoleDetails> DetailsAsync(IdentityDbContext db, Role role, CancellationToken ct)
    {
        var members = await db.RoleMembers.AsNoTracking()
            .Where(m => m.RoleId == role.Id && m.OrganizationId == role.OrganizationId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName })
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Select(u => new NamedRef(u.Id, u.DisplayName))
            .ToListAsync(ct);
        return new RoleDetails(role.Id, role.Name, members);
    }
}
