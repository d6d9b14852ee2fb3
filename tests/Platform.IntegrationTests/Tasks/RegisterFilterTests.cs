using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tasks;

public sealed class RegisterFilterTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    private static readonly object[] Fields =
    [
        new { code = "city", type = "text", label = "City" },
        new { code = "amount", type = "number", label = "Amount" },
        new { code = "day", type = "date", label = "Day" },
        new { code = "due", type = "due_date", label = "Due" },
        new { code = "at", type = "time", label = "At" },
        new { code = "urgent", type = "checkbox", label = "Urgent" },
        new { code = "tags", type = "multiple_choice", label = "Tags", options = new[] { new { id = "red", label = "Red" }, new { id = "green", label = "Green" }, new { id = "blue", label = "Blue" } } },
        new { code = "kind", type = "single_choice", label = "Kind", options = new[] { new { id = "k1", label = "One" }, new { id = "k2", label = "Two" } } },
        new { code = "items", type = "table", label = "Items", columns = new[] { new { code = "qty", type = "number", label = "Qty" } } },
    ];

    private async Task<(RegisterClient Register, TestUser Admin)> SeedAsync()
    {
        var org = await app.CreateOrganizationAsync();
        var register = await RegisterClient.CreateFormAsync(org.Admin, Fields);
        await register.CreateTaskAsync(org.Admin, "A", new { city = "Paris", amount = 9, day = "2026-01-05", due = "2026-03-01", at = "08:30", urgent = true, tags = new List<string> { "red" }, kind = "k1" });
        await register.CreateTaskAsync(org.Admin, "B", new { city = "100% paris_", amount = 10, day = "2026-02-10", due = "2026-03-02T23:30:00+02:00", at = "12:00:00", urgent = false, tags = new List<string> { "green", "blue" }, kind = "k2" });
        await register.CreateTaskAsync(org.Admin, "C", new { city = "MÜNCHEN", amount = 100, day = "2026-03-15", due = "2026-04-01T09:00:00Z", tags = new List<string> { "red", "blue" } });
        await register.CreateTaskAsync(org.Admin, "D", new { city = "back\\slash", amount = 2.5 });
        await register.CreateTaskAsync(org.Admin, "E", new { });
        return (register, org.Admin);
    }

    private static async Task<List<string>> Sorted(RegisterClient register, TestUser user, string query) =>
        (await register.TitlesAsync(user, query)).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task A_contains_filter_matches_text_anywhere_ignoring_case_and_takes_like_wildcards_literally()
    {
        var (register, admin) = await SeedAsync();
        Assert.Equal(["A", "B"], await Sorted(register, admin, "f.city.contains=PAR"));
        Assert.Equal(["C"], await Sorted(register, admin, "f.city.contains=m%C3%BCnch")); // ü folds to Ü
        Assert.Equal(["B"], await Sorted(register, admin, "f.city.contains=%25"));     // "%" is a percent sign, not "anything"
        Assert.Equal(["B"], await Sorted(register, admin, "f.city.contains=_"));       // "_" is an underscore, not "any character"
        Assert.Equal(["D"], await Sorted(register, admin, "f.city.contains=k%5Cs"));   // "k\s": the backslash is literal
        Assert.Empty(await register.TitlesAsync(admin, "f.city.contains=%25%25"));
        Assert.Equal(["A"], await Sorted(register, admin, "f.city=Paris"));            // exact match stays exact
        Assert.Empty(await register.TitlesAsync(admin, "f.city=paris"));

        var problem = await register.ProblemAsync(admin, "f.amount.contains=1&f.city.contains=&f.city.near=x");
        Assert.NotEmpty(Http.FieldErrors(problem, "f.amount.contains"));
        Assert.NotEmpty(Http.FieldErrors(problem, "f.city.contains"));
        Assert.NotEmpty(Http.FieldErrors(problem, "f.city.near"));
    }

    [Fact]
    public async Task Date_due_date_time_and_number_fields_filter_by_inclusive_ranges()
    {
        var (register, admin) = await SeedAsync();
        Assert.Equal(["B", "C"], await Sorted(register, admin, "f.day.min=2026-02-10"));
        Assert.Equal(["A", "B"], await Sorted(register, admin, "f.day.max=2026-02-10"));
        Assert.Equal(["B"], await Sorted(register, admin, "f.day.min=2026-02-01&f.day.max=2026-02-28"));
        // A due date compares by its day as entered, with or without a time.
        Assert.Equal(["A", "B"], await Sorted(register, admin, "f.due.max=2026-03-02"));
        Assert.Equal(["B", "C"], await Sorted(register, admin, "f.due.min=2026-03-02"));
        Assert.Equal(["B"], await Sorted(register, admin, "f.due=2026-03-02"));
        Assert.Equal(["B"], await Sorted(register, admin, "f.at.min=09:00"));
        Assert.Equal(["A"], await Sorted(register, admin, "f.at=08:30:00"));
        // Numerically, not as text ("9" > "10" as text).
        Assert.Equal(["B", "C"], await Sorted(register, admin, "f.amount.min=10"));
        Assert.Equal(["A", "D"], await Sorted(register, admin, "f.amount.max=9.5"));
        Assert.Equal(["B"], await Sorted(register, admin, "f.amount=10.00"));

        var problem = await register.ProblemAsync(admin, "f.day.min=05.01.2026&f.amount.max=ten&f.city.min=a&f.at.max=25:00&f.urgent.min=1&f.day.min=2026-01-01");
        Assert.NotEmpty(Http.FieldErrors(problem, "f.amount.max"));
        Assert.NotEmpty(Http.FieldErrors(problem, "f.city.min"));
        Assert.NotEmpty(Http.FieldErrors(problem, "f.at.max"));
        Assert.NotEmpty(Http.FieldErrors(problem, "f.urgent.min"));
        Assert.Contains("must be given once.", Http.FieldErrors(problem, "f.day.min"));
    }

    [Fact]
    public async Task A_multiple_choice_filter_matches_tasks_holding_any_of_the_options_and_choices_checkboxes_compare_by_type()
    {
        var (register, admin) = await SeedAsync();
        Assert.Equal(["A", "C"], await Sorted(register, admin, "f.tags=red"));
        Assert.Equal(["B", "C"], await Sorted(register, admin, "f.tags=blue"));
        Assert.Equal(["A", "B", "C"], await Sorted(register, admin, "f.tags=red&f.tags=green"));
        Assert.Empty(await register.TitlesAsync(admin, "f.tags=purple"));
        Assert.Equal(["A", "B"], await Sorted(register, admin, "f.kind=k1&f.kind=k2"));
        Assert.Equal(["A"], await Sorted(register, admin, "f.urgent=true"));
        Assert.Equal(["B"], await Sorted(register, admin, "f.urgent=false")); // not set is not false

        var problem = await register.ProblemAsync(admin, "f.urgent=yes&f.items=1&f.amount=1&f.amount=2");
        Assert.NotEmpty(Http.FieldErrors(problem, "f.urgent"));
        Assert.NotEmpty(Http.FieldErrors(problem, "f.items"));
        Assert.NotEmpty(Http.FieldErrors(problem, "f.amount"));
    }

    [Fact]
    public async Task Created_and_updated_ranges_are_whole_utc_days()
    {
        var (register, admin) = await SeedAsync();
        // Activity on A and B at known times (the API stamps "now"; the ranges are what is under test).
        await using (var connection = new Npgsql.NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("""
                UPDATE tasks.tasks SET created_at = '2025-06-01T10:00:00Z',
                  updated_at = CASE title WHEN 'A' THEN '2025-06-03T23:59:59Z'::timestamptz ELSE '2025-06-04T00:00:00Z'::timestamptz END
                WHERE form_template_id = @t AND title IN ('A', 'B')
                """, connection);
            command.Parameters.AddWithValue("t", register.TemplateId);
            Assert.Equal(2, await command.ExecuteNonQueryAsync());
        }
        Assert.Equal(["A"], await Sorted(register, admin, "updatedFrom=2025-06-03&updatedTo=2025-06-03"));
        Assert.Equal(["B"], await Sorted(register, admin, "updatedFrom=2025-06-04&updatedTo=2025-06-04"));
        Assert.Equal(["A", "B"], await Sorted(register, admin, "updatedTo=2025-06-30"));
        Assert.Equal(["C", "D", "E"], await Sorted(register, admin, "updatedFrom=2025-07-01"));
        Assert.Equal(["A", "B"], await Sorted(register, admin, "createdFrom=2025-06-01&createdTo=2025-06-01"));

        var problem = await register.ProblemAsync(admin, "updatedFrom=yesterday&updatedTo=2025-13-01&status=all&status=open&sort=title&order=up");
        Assert.NotEmpty(Http.FieldErrors(problem, "updatedFrom"));
        Assert.NotEmpty(Http.FieldErrors(problem, "updatedTo"));
        Assert.NotEmpty(Http.FieldErrors(problem, "status"));
        Assert.NotEmpty(Http.FieldErrors(problem, "order"));
    }
}
