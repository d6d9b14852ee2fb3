using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tasks;

public sealed class RegisterSortTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    private static readonly object[] Fields =
    [
        new { code = "city", type = "text", label = "City" },
        new { code = "amount", type = "number", label = "Amount" },
        new { code = "day", type = "date", label = "Day" },
        new { code = "due", type = "due_date", label = "Due" },
        new { code = "tags", type = "multiple_choice", label = "Tags", options = new[] { new { id = "red", label = "Red" } } },
    ];

    /// <summary>
    /// Seven tasks created in the order T1…T7 (so "created" and "updated" order them by number), with
    /// ties and unset values for every field sort.
    /// </summary>
    private async Task<(RegisterClient Register, TestOrganization Org)> SeedAsync()
    {
        var org = await app.CreateOrganizationAsync();
        var register = await RegisterClient.CreateFormAsync(org.Admin, Fields);
        object[] values =
        [
            new { city = "b", amount = 9, day = "2026-01-10", due = "2026-05-01T08:00:00Z" },
            new { city = "B", amount = 100, day = "2025-12-31", due = "2026-04-30" },
            new { city = "a", amount = 10, day = "2026-01-10" },
            new { amount = 9 },
            new { city = "c", amount = -1.5, due = "2026-05-01" },
            new { city = "a" },
            new { city = "", amount = 1000 },
        ];
        for (var i = 0; i < values.Length; i++)
            await register.CreateTaskAsync(org.Admin, $"T{i + 1}", values[i]);
        return (register, org);
    }

    [Theory]
    [InlineData("sort=created", "T7 T6 T5 T4 T3 T2 T1")]
    [InlineData("sort=created&order=asc", "T1 T2 T3 T4 T5 T6 T7")]
    [InlineData("", "T7 T6 T5 T4 T3 T2 T1")]
    [InlineData("sort=updated&order=asc", "T1 T2 T3 T4 T5 T6 T7")]
    [InlineData("sort=title&order=desc", "T7 T6 T5 T4 T3 T2 T1")]
    // Numbers numerically (9 < 10 < 100, unlike text); ties by id in the same direction; unset last either way.
    [InlineData("sort=f.amount", "T5 T1 T4 T3 T2 T7 T6")]
    [InlineData("sort=f.amount&order=desc", "T7 T2 T3 T4 T1 T5 T6")]
    [InlineData("sort=f.day", "T2 T1 T3 T4 T5 T6 T7")]
    [InlineData("sort=f.day&order=desc", "T3 T1 T2 T7 T6 T5 T4")]
    // A due date by its day: T1 (a time on 1 May) and T5 (1 May) tie.
    [InlineData("sort=f.due", "T2 T1 T5 T3 T4 T6 T7")]
    // Text by the database collation (C.UTF-8 here: upper case first); "" counts as not set.
    [InlineData("sort=f.city", "T2 T3 T6 T1 T5 T4 T7")]
    [InlineData("sort=f.city&order=desc", "T5 T1 T6 T3 T2 T7 T4")]
    public async Task Every_sort_pages_through_all_tasks_once_in_order(string query, string expected)
    {
        var (register, org) = await SeedAsync();
        var order = expected.Split(' ').ToList();
        Assert.Equal(order, await register.TitlesAsync(org.Admin, query + "&limit=50"));
        foreach (var limit in new[] { 1, 2, 3 })
            Assert.Equal(order, await register.AllTitlesAsync(org.Admin, query, limit));
        // A member who takes part in some (as responsible) and sees others through a list pages the same way through their part.
        var member = await org.AddMemberAsync();
        var seen = await RegisterVisibilityTests.ShowToMemberAsync(org, register, member, participantIn: ["T1", "T3", "T4", "T6"], listOf: ["T3", "T5", "T6"]);
        // Joining a task and adding it to a list are activity: the admin's order afterwards, less what the member cannot see.
        var theirs = (await register.TitlesAsync(org.Admin, query + "&limit=50")).Where(seen.Contains).ToList();
        Assert.Equal(seen.Count, theirs.Count);
        Assert.Equal(theirs, await register.AllTitlesAsync(member, query, 2));
    }

    [Fact]
    public async Task A_cursor_belongs_to_its_sort_and_order_and_cannot_be_forged_into_sql()
    {
        var (register, org) = await SeedAsync();
        var cursor = (await register.PageAsync(org.Admin, "sort=f.amount&limit=2")).GetProperty("nextCursor").GetString()!;
        Assert.NotEmpty(Http.FieldErrors(await register.ProblemAsync(org.Admin, $"sort=f.amount&order=desc&after={cursor}"), "after"));
        Assert.NotEmpty(Http.FieldErrors(await register.ProblemAsync(org.Admin, $"sort=f.day&after={cursor}"), "after"));
        Assert.NotEmpty(Http.FieldErrors(await register.ProblemAsync(org.Admin, $"sort=created&after={cursor}"), "after"));
        // A cursor of the right sort whose key is not a number of that sort is refused, not sent to PostgreSQL.
        var forged = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(
            [.. new byte[16], .. System.Text.Encoding.UTF8.GetBytes("f.amount|ASC|v1); DROP TABLE tasks.tasks; --")]);
        Assert.NotEmpty(Http.FieldErrors(await register.ProblemAsync(org.Admin, $"sort=f.amount&after={forged}"), "after"));
        Assert.NotEmpty(Http.FieldErrors(await register.ProblemAsync(org.Admin, "after=nonsense"), "after"));

        var problem = await register.ProblemAsync(org.Admin, "sort=f.tags");
        Assert.NotEmpty(Http.FieldErrors(problem, "sort"));
        Assert.NotEmpty(Http.FieldErrors(await register.ProblemAsync(org.Admin, "sort=f.nope"), "sort"));
        Assert.NotEmpty(Http.FieldErrors(await register.ProblemAsync(org.Admin, "sort=amount"), "sort"));
        Assert.Equal(7, (await register.TitlesAsync(org.Admin, "sort=f.amount")).Count);
    }
}
