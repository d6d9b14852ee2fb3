using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Identity.Data;

namespace Platform.Modules.Identity.Departments;

/// <summary>
/// Creating, changing (PUT: the whole department, so <c>parentId: null</c> moves it to the top)
/// and deleting departments. Tree changes in one organisation are serialised, so two concurrent
/// moves cannot build a cycle between them.
/// </summary>
internal static class DepartmentCommands
{
    public static void Map(RouteGroupBuilder departments)
    {
        departments.MapPost("/", CreateAsync).RequireAuthorization(PlatformPolicies.OrganizationAdmin);
        departments.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(PlatformPolicies.OrganizationAdmin);
        departments.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(PlatformPolicies.OrganizationAdmin);
    }

    private static async Task<Results<Created<DepartmentDetails>, ValidationProblem>> CreateAsync(
        DepartmentRequest request, CurrentUser me, IdentityDbContext db, TimeProvider time, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockAsync(OrganizationLocks.Departments, me.OrganizationId, ct);
        var department = new Department
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = me.OrganizationId,
            CreatedAt = time.GetUtcNowForDatabase(),
        };
        var errors = await ValidateAsync(request, department, moving: false, me.OrganizationId, db, ct);
        if (errors.Any)
            return errors.ToProblem();
        Apply(request, department);
        db.Departments.Add(department);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/departments/{department.Id}", await DepartmentEndpoints.DetailsAsync(db, department, ct));
    }

    private static async Task<Results<Ok<DepartmentDetails>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, DepartmentRequest request, CurrentUser me, IdentityDbContext db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockAsync(OrganizationLocks.Departments, me.OrganizationId, ct);
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Id == id && d.OrganizationId == me.OrganizationId, ct);
        if (department is null)
            return Problems.NotFound("The department");
        var errors = await ValidateAsync(request, department, moving: true, me.OrganizationId, db, ct);
        if (errors.Any)
            return errors.ToProblem();
        Apply(request, department);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await DepartmentEndpoints.DetailsAsync(db, department, ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, CurrentUser me, IdentityDbContext db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockAsync(OrganizationLocks.Departments, me.OrganizationId, ct);
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Id == id && d.OrganizationId == me.OrganizationId, ct);
        if (department is null)
            return Problems.NotFound("The department");
        if (await db.Departments.AnyAsync(d => d.ParentId == id && d.OrganizationId == me.OrganizationId, ct))
            return Problems.Conflict("The department has sub-departments: move or delete them first.");
        db.Departments.Remove(department);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <param name="moving">an existing department: its new parent must not be itself or below it.</param>
    private static async Task<FieldErrors> ValidateAsync(
        DepartmentRequest request, Department department, bool moving, Guid organizationId, IdentityDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("name", request.Name, Department.MaxNameLength);
        var nameValid = !errors.Any;
        var parentError = request.ParentId is not { } parentId ? null
            : !await db.Departments.AnyAsync(d => d.Id == parentId && d.OrganizationId == organizationId, ct)
                ? "is not a department of your organisation."
                : moving && await DepartmentTree.WouldCreateCycleAsync(db, organizationId, department.Id, parentId, ct)
                    ? "would put the department inside itself: choose one that is neither this department nor below it."
                    : null;
        if (parentError is not null)
            errors.Add("parentId", parentError);
        if (request.HeadUserId is { } headId
            && !await db.Users.AnyAsync(u => u.Id == headId && u.OrganizationId == organizationId, ct))
            errors.Add("headUserId", "is not a member of your organisation.");
        if (nameValid && parentError is null)
        {
            var name = LikePattern.Escape(request.Name!.Trim());
            if (await db.Departments.AnyAsync(d => d.OrganizationId == organizationId && d.ParentId == request.ParentId
                                                   && d.Id != department.Id && EF.Functions.ILike(d.Name, name, LikePattern.EscapeCharacter), ct))
                errors.Add("name", "is already used by another department at this level.");
        }
        return errors;
    }

    private static void Apply(DepartmentRequest request, Department department)
    {
        department.Name = request.Name!.Trim();
        department.ParentId = request.ParentId;
        department.HeadUserId = request.HeadUserId;
    }
}
