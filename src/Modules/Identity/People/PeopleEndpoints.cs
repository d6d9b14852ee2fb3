using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Identity.Data;

namespace Platform.Modules.Identity.People;

internal sealed record Person(Guid Id, string Email, string DisplayName, bool IsAdmin);

internal sealed record PeopleList(IReadOnlyList<Person> Items);

internal sealed record NewPersonRequest(string? Email, string? DisplayName, string? Password);

internal static class PeopleEndpoints
{
    private const int MaxListed = 5000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/users", async (CurrentUser me, IdentityDbContext db, CancellationToken ct) =>
        {
            var people = await db.Users.AsNoTracking()
                .Where(u => u.OrganizationId == me.OrganizationId)
                .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
                .Take(MaxListed)
                .Select(u => new Person(u.Id, u.Email!, u.DisplayName, u.IsOrganizationAdmin))
                .ToListAsync(ct);
            return TypedResults.Ok(new PeopleList(people));
        }).RequireAuthorization(PlatformPolicies.Member);

        api.MapPost("/users", CreateAsync).RequireAuthorization(PlatformPolicies.OrganizationAdmin);
    }

    private static async Task<Results<Created<Person>, ValidationProblem>> CreateAsync(
        NewPersonRequest request, CurrentUser me, UserManager<PlatformUser> users)
    {
        var errors = new FieldErrors()
            .Required("email", request.Email, 256)
            .Required("displayName", request.DisplayName, 200);
        if (string.IsNullOrEmpty(request.Password))
            errors.Add("password", "is required.");
        if (errors.Any)
            return errors.ToProblem();

        var user = PlatformUser.Create(me.OrganizationId, request.Email!.Trim(), request.DisplayName!, isAdmin: false);
        var result = await users.CreateAsync(user, request.Password!);
        if (!result.Succeeded)
            return Problems.Invalid(IdentityErrors.ToFieldErrors(result, passwordField: "password", emailField: "email"));
        return TypedResults.Created($"/api/v1/users/{user.Id}", new Person(user.Id, user.Email!, user.DisplayName, false));
    }
}
