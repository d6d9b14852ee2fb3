using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Platform.BuildingBlocks.Web;

namespace Platform.Modules.Identity.Setup;

internal sealed record SetupStatus(bool SetupRequired);

internal sealed record SetupRequest(string? SetupToken, string? OrganizationName, string? AdminEmail, string? AdminDisplayName, string? AdminPassword);

/// <summary>
/// First run in the browser. Guarded by a one-time token that the operator hands to the node
/// (the AppHost generates and prints one), so whoever reaches a fresh instance first cannot
/// claim it. Without a configured token this path is closed and the CLI is the way.
/// </summary>
internal static class SetupEndpoints
{
    public const string TokenKey = "Platform:Setup:Token";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/setup", async (OrganizationSetup setup, CancellationToken ct) =>
            TypedResults.Ok(new SetupStatus(await setup.IsSetupRequiredAsync(ct)))).AllowAnonymous();

        api.MapPost("/setup", CreateFirstOrganization).AllowAnonymous();
    }

    private static async Task<Results<Created<CreatedOrganization>, ValidationProblem, ProblemHttpResult>> CreateFirstOrganization(
        SetupRequest request, OrganizationSetup setup, IConfiguration configuration, CancellationToken ct)
    {
        var expected = configuration[TokenKey];
        if (string.IsNullOrEmpty(expected))
            return Problems.Forbidden("First-run setup in the browser is disabled on this node: no setup token is configured. Use the 'create-organization' command.");
        if (!FixedTimeEquals(expected, request.SetupToken ?? string.Empty))
            return Problems.Forbidden("The setup token is wrong.");

        var result = await setup.CreateAsync(
            new NewOrganization(request.OrganizationName ?? "", request.AdminEmail ?? "", request.AdminDisplayName ?? "", request.AdminPassword ?? ""),
            onlyIfFirst: true, ct);
        if (result.AlreadySetUp)
            return Problems.Conflict("This instance is already set up; sign in instead.");
        if (!result.Succeeded)
            return Problems.Invalid(result.Errors.ToDictionary(e => e.Key, e => e.Value));
        return TypedResults.Created("/api/v1/me", result.Created);
    }

    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)),
            SHA256.HashData(Encoding.UTF8.GetBytes(actual)));
}
