using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Forms.Data;
using Platform.Modules.Forms.Domain;
using Platform.Modules.Identity.Contracts;

namespace Platform.Modules.Forms.Access;

internal sealed record PrincipalsRequest(IReadOnlyList<Guid>? Users, IReadOnlyList<Guid>? Roles);

internal sealed record FormAccessRequest(PrincipalsRequest? Creators, PrincipalsRequest? Managers);

internal sealed record Principals(IReadOnlyList<Guid> Users, IReadOnlyList<Guid> Roles);

/// <summary>Who may create tasks from a form (nobody named = every member) and who manages it (sees all of its tasks).</summary>
internal sealed record FormAccessResponse(Principals Creators, Principals Managers)
{
    public static FormAccessResponse From(FormAccessRules rules) => new(
        new Principals(rules.Ids(FormRights.Create, PrincipalTypes.User), rules.Ids(FormRights.Create, PrincipalTypes.Role)),
        new Principals(rules.Ids(FormRights.Manage, PrincipalTypes.User), rules.Ids(FormRights.Manage, PrincipalTypes.Role)));
}

/// <summary>
/// <c>GET /api/v1/forms/{id}/access</c> (members) and <c>PUT</c> (admins, the complete new set):
/// a form's creators and managers, as users and Identity roles.
/// </summary>
internal static class FormAccessEndpoints
{
    private const int MaxPrincipals = 200;

    public static void Map(RouteGroupBuilder forms)
    {
        forms.MapGet("/{id:guid}/access", GetAsync);
        forms.MapPut("/{id:guid}/access", PutAsync).RequireAuthorization(PlatformPolicies.OrganizationAdmin);
    }

    private static async Task<Results<Ok<FormAccessResponse>, ProblemHttpResult>> GetAsync(Guid id, CurrentUser me, FormsDbContext db, CancellationToken ct)
    {
        if (!await db.Templates.AnyAsync(t => t.Id == id && t.OrganizationId == me.OrganizationId, ct))
            return Problems.NotFound("The form template");
        return TypedResults.Ok(FormAccessResponse.From((await db.AccessRulesAsync(me.OrganizationId, [id], ct))[id]));
    }

    private static async Task<Results<Ok<FormAccessResponse>, ValidationProblem, ProblemHttpResult>> PutAsync(
        Guid id, FormAccessRequest request, CurrentUser me, FormsDbContext db, IUserDirectory directory, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var grants = new List<(string Right, string Type, Guid Id, string Path)>();
        Collect("creators", FormRights.Create, request.Creators);
        Collect("managers", FormRights.Manage, request.Managers);
        if (errors.Any)
            return errors.ToProblem();

        var users = grants.Where(g => g.Type == PrincipalTypes.User).Select(g => g.Id).Distinct().ToList();
        var roles = grants.Where(g => g.Type == PrincipalTypes.Role).Select(g => g.Id).Distinct().ToList();
        var knownUsers = users.Count == 0 ? [] : (await directory.FindManyAsync(me.OrganizationId, users, ct)).Select(u => u.Id).ToHashSet();
        var knownRoles = (await directory.FindRolesAsync(me.OrganizationId, roles, ct)).ToHashSet();
        foreach (var (_, type, principal, path) in grants)
        {
            if (type == PrincipalTypes.User && !knownUsers.Contains(principal))
                errors.Add(path, $"{principal} is not a member of your organisation.");
            else if (type == PrincipalTypes.Role && !knownRoles.Contains(principal))
                errors.Add(path, $"{principal} is not a role of your organisation.");
        }
        if (errors.Any)
            return errors.ToProblem();

        await using var transaction = await db.BeginUnlessInTransactionAsync(ct);
        if (await db.LockAsync(id, me.OrganizationId, ct) is null)
            return Problems.NotFound("The form template");
        await db.Access.Where(a => a.TemplateId == id && a.OrganizationId == me.OrganizationId).ExecuteDeleteAsync(ct);
        db.Access.AddRange(grants.Select(g => (g.Right, g.Type, g.Id)).Distinct()
            .Select(g => new FormAccessEntry(id, me.OrganizationId, g.Right, g.Type, g.Id)));
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
            await transaction.CommitAsync(ct);
        return TypedResults.Ok(FormAccessResponse.From((await db.AccessRulesAsync(me.OrganizationId, [id], ct))[id]));

        void Collect(string path, string right, PrincipalsRequest? principals)
        {
            Add($"{path}.users", PrincipalTypes.User, principals?.Users);
            Add($"{path}.roles", PrincipalTypes.Role, principals?.Roles);

            void Add(string at, string type, IReadOnlyList<Guid>? ids)
            {
                if (ids is null)
                    return;
                if (ids.Count > MaxPrincipals)
                    errors.Add(at, $"must have at most {MaxPrincipals} entries.");
                else if (ids.Contains(Guid.Empty))
                    errors.Add(at, "must not contain an empty id.");
                else
                    grants.AddRange(ids.Distinct().Select(principal => (right, type, principal, at)));
            }
        }
    }
}
