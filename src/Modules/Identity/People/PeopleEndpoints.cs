using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Identity.Data;

namespace Platform.Modules.Identity.People;

internal sealed record Person(Guid Id, string? Email, string DisplayName, bool IsAdmin);

internal sealed record PersonListItem(
    Guid Id, string? Email, string DisplayName, string? Position, bool IsAdmin, bool IsBlocked, bool IsBot,
    IReadOnlyList<NamedRef> Departments, IReadOnlyList<NamedRef> Roles);

internal sealed record PeopleList(IReadOnlyList<PersonListItem> Items, string? NextCursor);

internal sealed record NewPersonRequest(string? Email, string? DisplayName, string? Password);

internal static class PeopleEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;
    private const int MaxQueryLength = 100;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/users", ListAsync).RequireAuthorization(PlatformPolicies.Member);
        api.MapPost("/users", CreateAsync).RequireAuthorization(PlatformPolicies.OrganizationAdmin);
    }

    /// <summary>
    /// Members of my organisation (people and bots, blocked ones included), oldest first,
    /// keyset-paged by (created_at, id). <c>q</c> matches the start of the display name, of any
    /// word in it, or of the e-mail address, ignoring case.
    /// </summary>
    private static async Task<Results<Ok<PeopleList>, ValidationProblem>> ListAsync(
        CurrentUser me, IdentityDbContext db, ILookupNormalizer normalizer, CancellationToken ct,
        int? limit = null, string? after = null, string? q = null)
    {
        var take = limit ?? DefaultLimit;
        var errors = new FieldErrors().Optional("q", q, MaxQueryLength);
        if (take is < 1 or > MaxLimit)
            errors.Add("limit", $"must be between 1 and {MaxLimit}.");
        Cursor cursor = default;
        if (after is not null && !Cursor.TryDecode(after, out cursor))
            errors.Add("after", "is not a cursor returned by this endpoint.");
        if (errors.Any)
            return errors.ToProblem();

        // A deleted bot is kept only so that history shows its name: it is no longer one of the people.
        var query = db.Users.AsNoTracking().Where(u => u.OrganizationId == me.OrganizationId && u.DeletedAt == null);
        if (after is not null)
            query = query.Where(u => u.CreatedAt > cursor.Timestamp || (u.CreatedAt == cursor.Timestamp && u.Id.CompareTo(cursor.Id) > 0));
        if (!string.IsNullOrWhiteSpace(q))
        {
            var prefix = LikePattern.Escape(q.Trim()) + "%";
            var wordPrefix = "% " + prefix;
            var emailPrefix = LikePattern.Escape(normalizer.NormalizeEmail(q.Trim())) + "%";
            query = query.Where(u => EF.Functions.ILike(u.DisplayName, prefix, LikePattern.EscapeCharacter)
                                     || EF.Functions.ILike(u.DisplayName, wordPrefix, LikePattern.EscapeCharacter)
                                     || EF.Functions.Like(u.NormalizedEmail, emailPrefix, LikePattern.EscapeCharacter));
        }
        var rows = await query
            .OrderBy(u => u.CreatedAt).ThenBy(u => u.Id)
            .Take(take + 1)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.Position, u.IsOrganizationAdmin, u.IsBlocked, u.IsBot, u.CreatedAt })
            .ToListAsync(ct);

        var page = rows.Take(take).ToList();
        var memberships = await Memberships.LoadAsync(db, me.OrganizationId, page.Select(u => u.Id).ToList(), ct);
        var items = page.Select(u => new PersonListItem(
            u.Id, u.Email, u.DisplayName, u.Position, u.IsOrganizationAdmin, u.IsBlocked, u.IsBot,
            memberships.DepartmentsOf(u.Id), memberships.RolesOf(u.Id))).ToList();
        var next = rows.Count > take ? new Cursor(page[^1].CreatedAt, page[^1].Id).Encode() : null;
        return TypedResults.Ok(new PeopleList(items, next));
    }

    private static async Task<Results<Created<Person>, ValidationProblem>> CreateAsync(
        NewPersonRequest request, CurrentUser me, UserManager<PlatformUser> users)
    {
        var errors = new FieldErrors()
            .Required("email", request.Email, 256)
            .Required("displayName", request.DisplayName, PlatformUser.MaxDisplayNameLength);
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
