using Microsoft.AspNetCore.Http;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Identity.Contracts;

namespace Platform.Modules.Tasks.Participants;

/// <summary>The <c>userIds</c> of a participants or subscribers request: 1–100 distinct members of the caller's organisation.</summary>
internal static class MemberIds
{
    public const int MaxPerRequest = 100;

    /// <summary>The distinct ids, or a problem naming what is wrong (another tenant's id reads like an unknown one).</summary>
    public static async Task<(List<Guid> Ids, IResult? Problem)> CheckAsync(
        IReadOnlyList<Guid>? userIds, Guid organizationId, IUserDirectory directory, CancellationToken ct)
    {
        var ids = userIds?.Distinct().ToList() ?? [];
        if (ids.Count is 0 or > MaxPerRequest)
            return (ids, Problems.Invalid("userIds", $"give between 1 and {MaxPerRequest} user ids."));
        var members = (await directory.FindManyAsync(organizationId, ids, ct)).Select(u => u.Id).ToHashSet();
        var unknown = ids.Where(u => !members.Contains(u)).ToList();
        return unknown.Count > 0
            ? (ids, Problems.Invalid("userIds", $"not members of your organisation: {string.Join(", ", unknown)}."))
            : (ids, null);
    }
}
