using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.BuildingBlocks.Web;

/// <summary>The <c>limit</c> and <c>after</c> of a keyset-paged list, checked once for every endpoint.</summary>
public readonly record struct PageRequest(int Limit, Cursor? After)
{
    public static bool TryParse(int? limit, string? after, int defaultLimit, int maxLimit, out PageRequest page, out ValidationProblem? problem)
    {
        page = default;
        problem = null;
        var take = limit ?? defaultLimit;
        if (take < 1 || take > maxLimit)
        {
            problem = Problems.Invalid("limit", $"must be between 1 and {maxLimit}.");
            return false;
        }
        Cursor? cursor = null;
        if (after is not null)
        {
            if (!Cursor.TryDecode(after, out var decoded))
            {
                problem = Problems.Invalid("after", "is not a cursor returned by this endpoint.");
                return false;
            }
            cursor = decoded;
        }
        page = new PageRequest(take, cursor);
        return true;
    }

    /// <summary>
    /// The page and the next cursor from rows fetched with <c>LIMIT Limit + 1</c>: the extra row
    /// only says whether there is more.
    /// </summary>
    public (List<T> Page, string? NextCursor) Slice<T>(IReadOnlyList<T> rows, Func<T, Cursor> cursorOf)
    {
        var page = rows.Take(Limit).ToList();
        return (page, rows.Count > Limit ? cursorOf(page[^1]).Encode() : null);
    }
}
