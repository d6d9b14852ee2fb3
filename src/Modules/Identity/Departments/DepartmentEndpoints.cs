using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Identity.Data;
using Platform.Modules.Identity.People;

namespace Platform.Modules.Identity.Departments;

/// <summary>
/// The organisation's department tree. Members read it; admins change it
/// (<see cref="DepartmentCommands"/>, <see cref="DepartmentMemberEndpoints"/>).
/// </summary>
internal static class DepartmentEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var departments = api.MapGroup("/departments");
        departments.MapGet("/", ListAsync).RequireAuthorization(PlatformPolicies.Member);
        departments.MapGet("/{id:guid}", GetAsync).RequireAuthorization(PlatformPolicies.Member);
        DepartmentCommands.Map(departments);
        DepartmentMemberEndpoints.Map(departments);
    }

    /// <summary>Every department of my organisation, flat (clients build the tree from parentId), by name.</summary>
    private static async Task<Ok<DepartmentList>> ListAsync(CurrentUser me, IdentityDbContext db, CancellationToken ct)
    {
        var departments = await db.Departments.AsNoTracking()
            .Where(d => d.OrganizationId == me.OrganizationId)
            .OrderBy(d => d.Name).ThenBy(d => d.Id)
            .ToListAsync(ct);
        var members = (await db.DepartmentMembers.AsNoTracking()
                .Where(m => m.OrganizationId == me.OrganizationId)
                .OrderBy(m => m.UserId)
                .Select(m => new { m.DepartmentId, m.UserId })
                .ToListAsync(ct))
            .ToLookup(m => m.DepartmentId, m => m.UserId);
        return TypedResults.Ok(new DepartmentList(departments
            .Select(d => new DepartmentItem(d.Id, d.Name, d.ParentId, d.HeadUserId, members[d.Id].ToList()))
            .ToList()));
    }

    private static async Task<Results<Ok<DepartmentDetails>, ProblemHttpResult>> GetAsync(
        Guid id, CurrentUser me, IdentityDbContext db, CancellationToken ct)
    {
        var department = await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.OrganizationId == me.OrganizationId, ct);
        if (department is null)
            return Problems.NotFound("The department");
        return TypedResults.Ok(await DetailsAsync(db, department, ct));
    }

    public static async Task<DepartmentDetails> DetailsAsync(IdentityDbContext db, Department department, CancellationToken ct)
    {
        var members = await db.DepartmentMembers.AsNoTracking()
            .Where(m => m.DepartmentId == department.Id && m.OrganizationId == department.OrganizationId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName })
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Select(u => new NamedRef(u.Id, u.DisplayName))
            .ToListAsync(ct);
        var children = await db.Departments.AsNoTracking()
            .Where(d => d.ParentId == department.Id && d.OrganizationId == department.OrganizationId)
            .OrderBy(d => d.Name).ThenBy(d => d.Id)
            .Select(d => d.Id)
            .ToListAsync(ct);
        return new DepartmentDetails(department.Id, department.Name, department.ParentId, department.HeadUserId, members, children);
    }
}
