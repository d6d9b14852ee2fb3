using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;
using Platform.Modules.Catalogs.Contracts;
using static Platform.IntegrationTests.Catalogs.CatalogApi;

namespace Platform.IntegrationTests.Catalogs;

public sealed class CatalogTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task A_created_catalog_reads_back_with_its_headers_and_items_in_key_order_and_pages_by_key()
    {
        var org = await app.CreateOrganizationAsync();
        var created = await CreateAsync(org.Admin.Client, "  Cities  ", ["Code", "City"],
            ["SPB", "Saint Petersburg"], ["  MSK ", "Moscow"], ["msk", "lower-case key is another item"], ["KZN", ""]);
        Assert.Equal("Cities", created.Name);
        Assert.Equal(1, created.Version);
        Assert.Equal(4, created.ItemCount);
        Assert.Equal(["Code", "City"], created.Headers.Select(h => h.Name).ToArray());
        Assert.All(created.Headers, h => Assert.Equal("text", h.Type));

        var response = await org.Admin.Client.GetAsync($"{BaseUrl}/{created.Id}");
        var catalog = await Http.ReadAsync<CatalogDetailsDto>(response, HttpStatusCode.OK);
        Assert.Equal("\"1\"", ETag(response));
        // Keys are trimmed, case-sensitive, and ordered by their bytes.
        Assert.Equal(["KZN", "MSK", "SPB", "msk"], catalog.Items.Select(i => i.Key).ToArray());
        Assert.Equal(["MSK", "Moscow"], catalog.Items[1].Values.ToArray());
        Assert.Equal(["KZN", ""], catalog.Items[0].Values.ToArray());
        Assert.Null(catalog.NextCursor);

        var (_, paged) = await ReadAllAsync(org.Admin.Client, created.Id, limit: 3);
        Assert.Equal(catalog.Items.Select(i => i.Id), paged.Select(i => i.Id));

        var list = await org.Admin.Client.GetFromJsonAsync<CatalogListDto>(BaseUrl);
        var summary = Assert.Single(list!.Items);
        Assert.Equal((created.Id, "Cities", 4, 1L), (summary.Id, summary.Name, summary.ItemCount, summary.Version));
    }

    [Fact]
    public async Task The_catalog_list_pages_by_name_without_gaps_or_repeats()
    {
        var org = await app.CreateOrganizationAsync();
        var names = new[] { "Banks", "Airports", "Currencies", "Departments", "Employees" };
        foreach (var name in names)
            await CreateAsync(org.Admin.Client, name, ["Key"]);

        var seen = new List<CatalogSummaryDto>();
        string? cursor = null;
        do
        {
            var page = await org.Admin.Client.GetFromJsonAsync<CatalogListDto>($"{BaseUrl}?limit=2{(cursor is null ? "" : $"&after={cursor}")}");
            Assert.True(page!.Items.Count <= 2);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        } while (cursor is not null);
        Assert.Equal(names.Order(StringComparer.Ordinal), seen.Select(c => c.Name));

        await Http.ProblemAsync(await org.Admin.Client.GetAsync($"{BaseUrl}?after=not-a-cursor"), HttpStatusCode.BadRequest);
        await Http.ProblemAsync(await org.Admin.Client.GetAsync($"{BaseUrl}?limit=0"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_full_sync_adds_updates_and_deletes_by_key_and_reports_the_counts()
    {
        var org = await app.CreateOrganizationAsync();
        var client = org.Admin.Client;
        var catalog = await CreateAsync(client, "Cities", ["Code", "City", "Region"],
            ["MSK", "Moscow", "Central"], ["SPB", "Saint Petersburg", "North-West"], ["KZN", "Kazan", "Volga"]);
        var before = (await ReadAllAsync(client, catalog.Id)).Items.ToDictionary(i => i.Key);

        var response = await SyncAsync(client, catalog.Id, ["Code", "City", "Region"],
            [["MSK", "Moscow", "Central"], ["SPB", "St. Petersburg", "North-West"], ["NSK", "Novosibirsk", "Siberia"]]);
        var result = await Http.ReadAsync<ChangeResultDto>(response, HttpStatusCode.OK);
        Assert.Equal(new ChangeResultDto(2, Added: 1, Updated: 1, Deleted: 1, Unchanged: 1), result);
        Assert.Equal("\"2\"", ETag(response));

        var (after, items) = await ReadAllAsync(client, catalog.Id);
        Assert.Equal(2, after.Version);
        Assert.Equal(3, after.ItemCount);
        Assert.Equal(["MSK", "NSK", "SPB"], items.Select(i => i.Key).ToArray());
        Assert.Equal(["SPB", "St. Petersburg", "North-West"], items[2].Values.ToArray());
        // Updated in place: an item keeps its id.
        Assert.Equal(before["SPB"].Id, items[2].Id);
        Assert.Equal(before["MSK"].Id, items[0].Id);

        // The same data again changes nothing, not even the version.
        var again = await Http.ReadAsync<ChangeResultDto>(await SyncAsync(client, catalog.Id, ["Code", "City", "Region"],
            [["MSK", "Moscow", "Central"], ["SPB", "St. Petersburg", "North-West"], ["NSK", "Novosibirsk", "Siberia"]]), HttpStatusCode.OK);
        Assert.Equal(new ChangeResultDto(2, 0, 0, 0, 3), again);

        // An empty sync empties the catalog.
        var emptied = await Http.ReadAsync<ChangeResultDto>(await SyncAsync(client, catalog.Id, ["Code", "City", "Region"], []), HttpStatusCode.OK);
        Assert.Equal(new ChangeResultDto(3, 0, 0, 3, 0), emptied);
        Assert.Empty((await ReadAllAsync(client, catalog.Id)).Items);
    }

    [Fact]
    public async Task A_sync_applies_header_changes_matching_columns_by_name_and_dropping_removed_columns_values()
    {
        var org = await app.CreateOrganizationAsync();
        var client = org.Admin.Client;
        var catalog = await CreateAsync(client, "Cities", ["Code", "City", "Region"],
            ["MSK", "Moscow", "Central"], ["SPB", "St. Petersburg", "North-West"], ["NSK", "Novosibirsk", "Siberia"]);
        var cityId = catalog.Headers[1].Id;
        var regionId = catalog.Headers[2].Id;

        // Region goes, Name is new, "City" is renamed "city" and moved last.
        var result = await Http.ReadAsync<ChangeResultDto>(await SyncAsync(client, catalog.Id, ["Code", "Name", "city"],
            [["MSK", "Moscow city", "Moscow"], ["SPB", "", "St. Petersburg"], ["NSK", "", "Novosibirsk"]]), HttpStatusCode.OK);
        // Only MSK changed in the catalog's new shape: the others lost a removed column and gained an empty one.
        Assert.Equal(new ChangeResultDto(2, Added: 0, Updated: 1, Deleted: 0, Unchanged: 2), result);

        var (after, items) = await ReadAllAsync(client, catalog.Id);
        Assert.Equal(["Code", "Name", "city"], after.Headers.Select(h => h.Name).ToArray());
        Assert.Equal(cityId, after.Headers[2].Id);
        Assert.DoesNotContain(after.Headers, h => h.Id == regionId);
        Assert.Equal(["MSK", "Moscow city", "Moscow"], items.Single(i => i.Key == "MSK").Values.ToArray());
        Assert.Equal(["SPB", "", "St. Petersburg"], items.Single(i => i.Key == "SPB").Values.ToArray());

        // Removed columns leave nothing behind in storage.
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM catalogs.catalog_items WHERE catalog_id = @id AND cells ? @column", connection);
        command.Parameters.AddWithValue("id", catalog.Id);
        command.Parameters.AddWithValue("column", regionId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);

        // A header-only change is a change too.
        var reordered = await Http.ReadAsync<ChangeResultDto>(await SyncAsync(client, catalog.Id, ["Code", "city", "Name"],
            [["MSK", "Moscow", "Moscow city"], ["SPB", "St. Petersburg", ""], ["NSK", "Novosibirsk", ""]]), HttpStatusCode.OK);
        Assert.Equal(new ChangeResultDto(3, 0, 0, 0, 3), reordered);
    }

    [Fact]
    public async Task A_diff_upserts_and_deletes_by_key()
    {
        var org = await app.CreateOrganizationAsync();
        var client = org.Admin.Client;
        var catalog = await CreateAsync(client, "Currencies", ["Code", "Name"], ["EUR", "Euro"], ["USD", "Dollar"], ["RUB", "Rouble"]);

        var response = await DiffAsync(client, catalog.Id,
            upsert: [["USD", "US Dollar"], ["JPY", "Yen"], ["EUR", "Euro"]],
            delete: ["RUB", "XXX"]);
        Assert.Equal(new ChangeResultDto(2, Added: 1, Updated: 1, Deleted: 1, Unchanged: 1), await Http.ReadAsync<ChangeResultDto>(response, HttpStatusCode.OK));
        Assert.Equal("\"2\"", ETag(response));

        var (after, items) = await ReadAllAsync(client, catalog.Id);
        Assert.Equal(3, after.ItemCount);
        Assert.Equal(["EUR", "JPY", "USD"], items.Select(i => i.Key).ToArray());
        Assert.Equal("US Dollar", items[2].Values[1]);

        var nothing = await Http.ReadAsync<ChangeResultDto>(await DiffAsync(client, catalog.Id, [], []), HttpStatusCode.OK);
        Assert.Equal(new ChangeResultDto(2, 0, 0, 0, 0), nothing);
    }

    [Fact]
    public async Task Invalid_input_is_answered_with_field_errors_that_point_at_the_value_and_nothing_changes()
    {
        var org = await app.CreateOrganizationAsync();
        var client = org.Admin.Client;

        var empty = await Http.ProblemAsync(await client.PostAsJsonAsync(BaseUrl, new { name = " ", headers = Array.Empty<object>() }), HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(empty, "name"));
        Assert.NotEmpty(Http.FieldErrors(empty, "headers"));

        var badHeaders = await Http.ProblemAsync(await client.PostAsJsonAsync(BaseUrl, new
        {
            name = "Bad",
            headers = new object[] { new { name = "Code", type = "number" }, new { name = "code" }, new { name = new string('h', 201) } },
        }), HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(badHeaders, "headers[0].type"));
        Assert.NotEmpty(Http.FieldErrors(badHeaders, "headers[1].name"));
        Assert.NotEmpty(Http.FieldErrors(badHeaders, "headers[2].name"));

        var tooManyColumns = await Http.ProblemAsync(await client.PostAsJsonAsync(BaseUrl, new
        {
            name = "Wide", headers = Headers(Enumerable.Range(0, 51).Select(i => $"C{i}").ToArray()),
        }), HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(tooManyColumns, "headers"));

        var badItems = await Http.ProblemAsync(await client.PostAsJsonAsync(BaseUrl, new
        {
            name = "Cities",
            headers = Headers("Code", "City"),
            items = Items(
                    ["MSK", "Moscow"],
                    ["SPB"],
                    ["  ", "Nowhere"],
                    ["KZN", new string('x', 2001)],
                    [" MSK ", "Moscow again"],
                    [new string('k', 501), "Long key"])
                .Append(new { values = (string[]?)null }).ToArray(),
        }), HttpStatusCode.BadRequest);
        Assert.Empty(Http.FieldErrors(badItems, "items[0].values"));
        Assert.NotEmpty(Http.FieldErrors(badItems, "items[1].values"));
        Assert.NotEmpty(Http.FieldErrors(badItems, "items[2].values[0]"));
        Assert.NotEmpty(Http.FieldErrors(badItems, "items[3].values[1]"));
        Assert.Contains("items[0]", Http.FieldErrors(badItems, "items[4].values[0]").Single(), StringComparison.Ordinal);
        Assert.NotEmpty(Http.FieldErrors(badItems, "items[5].values[0]"));
        Assert.NotEmpty(Http.FieldErrors(badItems, "items[6].values"));

        var list = await client.GetFromJsonAsync<CatalogListDto>(BaseUrl);
        Assert.Empty(list!.Items);

        // Thousands of broken items: the first errors and a count of the rest, not a giant document.
        var manyBroken = await Http.ProblemAsync(await client.PostAsJsonAsync(BaseUrl, new
        {
            name = "Broken", headers = Headers("Code"), items = Items(Enumerable.Range(0, 5000).Select(_ => new[] { string.Empty }).ToArray()),
        }), HttpStatusCode.BadRequest);
        Assert.True(manyBroken.GetProperty("errors").EnumerateObject().Count() <= 101);
        Assert.Contains("4900 more", Http.FieldErrors(manyBroken, "items").Single(), StringComparison.Ordinal);

        // Names are unique per organisation.
        var catalog = await CreateAsync(client, "Cities", ["Code", "City"], ["MSK", "Moscow"]);
        await Http.ProblemAsync(await client.PostAsJsonAsync(BaseUrl, new { name = "Cities", headers = Headers("Key") }), HttpStatusCode.Conflict);
        var other = await app.CreateOrganizationAsync();
        await CreateAsync(other.Admin.Client, "Cities", ["Key"]);

        // A sync must carry the items (an absent list would otherwise mean "delete everything").
        var noItems = await Http.ProblemAsync(await client.PutAsJsonAsync($"{BaseUrl}/{catalog.Id}", new { headers = Headers("Code", "City") }), HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(noItems, "items"));
        var duplicateKeys = await Http.ProblemAsync(await SyncAsync(client, catalog.Id, ["Code", "City"], [["A", "1"], ["B", "2"], ["A", "3"]]), HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(duplicateKeys, "items[2].values[0]"));

        var badDiff = await Http.ProblemAsync(await DiffAsync(client, catalog.Id, upsert: [["SPB"], ["KZN", "Kazan"]], delete: ["", "KZN"]), HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(badDiff, "delete[0]"));
        var conflictingDiff = await Http.ProblemAsync(await DiffAsync(client, catalog.Id, upsert: [["SPB"], ["KZN", "Kazan"]], delete: ["KZN"]), HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(conflictingDiff, "upsert[0].values"));
        Assert.NotEmpty(Http.FieldErrors(conflictingDiff, "delete[0]"));

        var (unchanged, items) = await ReadAllAsync(client, catalog.Id);
        Assert.Equal(1, unchanged.Version);
        Assert.Equal(["MSK"], items.Select(i => i.Key).ToArray());

        await Http.ProblemAsync(await client.GetAsync($"{BaseUrl}/{catalog.Id}?limit=5001"), HttpStatusCode.BadRequest);
        await Http.ProblemAsync(await client.GetAsync($"{BaseUrl}/{catalog.Id}?after=%%%"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Changes_with_a_stale_If_Match_are_refused_with_412_and_change_nothing()
    {
        var org = await app.CreateOrganizationAsync();
        var client = org.Admin.Client;
        var catalog = await CreateAsync(client, "Banks", ["BIC", "Name"], ["044525225", "Sberbank"]);

        var first = await SyncAsync(client, catalog.Id, ["BIC", "Name"], [["044525225", "Sber"]], ifMatch: "\"1\"");
        await Http.EnsureStatusAsync(first, HttpStatusCode.OK);
        Assert.Equal("\"2\"", ETag(first));

        // A second writer that read version 1 loses, whatever it sends.
        var stale = await SyncAsync(client, catalog.Id, ["BIC", "Name"], [["044525225", "Sberbank PJSC"]], ifMatch: "\"1\"");
        await Http.ProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal("\"2\"", ETag(stale));
        await Http.ProblemAsync(await DiffAsync(client, catalog.Id, [["1", "x"]], [], ifMatch: "\"1\""), HttpStatusCode.PreconditionFailed);
        await Http.ProblemAsync(await SendAsync(client, HttpMethod.Delete, $"{BaseUrl}/{catalog.Id}", null, ifMatch: "\"1\""), HttpStatusCode.PreconditionFailed);

        var (current, items) = await ReadAllAsync(client, catalog.Id);
        Assert.Equal(2, current.Version);
        Assert.Equal("Sber", items.Single().Values[1]);

        await Http.EnsureStatusAsync(await DiffAsync(client, catalog.Id, [["1", "x"]], [], ifMatch: "*"), HttpStatusCode.OK);
        await Http.EnsureStatusAsync(await SendAsync(client, HttpMethod.Delete, $"{BaseUrl}/{catalog.Id}", null, ifMatch: "\"3\""), HttpStatusCode.NoContent);
        await Http.ProblemAsync(await client.GetAsync($"{BaseUrl}/{catalog.Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_and_diff_with_an_Idempotency_Key_take_effect_once()
    {
        var org = await app.CreateOrganizationAsync();
        var client = org.Admin.Client;
        var key = Guid.NewGuid().ToString();
        var body = new { name = "Once", headers = Headers("Key"), items = Items(["A"]) };

        var first = await Http.ReadAsync<CatalogDto>(await SendAsync(client, HttpMethod.Post, BaseUrl, body, idempotencyKey: key), HttpStatusCode.Created);
        var again = await SendAsync(client, HttpMethod.Post, BaseUrl, body, idempotencyKey: key);
        var replayed = await Http.ReadAsync<CatalogDto>(again, HttpStatusCode.Created);
        Assert.Equal(first.Id, replayed.Id);
        Assert.Equal("true", again.Headers.GetValues("Idempotency-Replayed").Single());
        Assert.Equal($"{BaseUrl}/{first.Id}", again.Headers.Location?.OriginalString);
        Assert.Single((await client.GetFromJsonAsync<CatalogListDto>(BaseUrl))!.Items);

        var diffKey = Guid.NewGuid().ToString();
        var diff = await Http.ReadAsync<ChangeResultDto>(await DiffAsync(client, first.Id, [["B"]], [], idempotencyKey: diffKey), HttpStatusCode.OK);
        var diffAgain = await Http.ReadAsync<ChangeResultDto>(await DiffAsync(client, first.Id, [["B"]], [], idempotencyKey: diffKey), HttpStatusCode.OK);
        Assert.Equal(diff, diffAgain);
        Assert.Equal(2, (await ReadAllAsync(client, first.Id)).First.Version);
    }

    [Fact]
    public async Task Other_modules_look_items_up_by_key_within_one_organisation()
    {
        var org = await app.CreateOrganizationAsync();
        var other = await app.CreateOrganizationAsync();
        var catalog = await CreateAsync(org.Admin.Client, "Cities", ["Code", "City"], ["MSK", "Moscow"]);

        await using var scope = app.Services.CreateAsyncScope();
        var lookup = scope.ServiceProvider.GetRequiredService<ICatalogLookup>();
        Assert.True(await lookup.ItemExistsAsync(org.Id, catalog.Id, " MSK ", CancellationToken.None));
        Assert.False(await lookup.ItemExistsAsync(org.Id, catalog.Id, "msk", CancellationToken.None));
        Assert.False(await lookup.ItemExistsAsync(other.Id, catalog.Id, "MSK", CancellationToken.None));

        var item = await lookup.FindItemAsync(org.Id, catalog.Id, "MSK", CancellationToken.None);
        Assert.NotNull(item);
        Assert.Equal(["Code", "City"], item.Headers.ToArray());
        Assert.Equal(["MSK", "Moscow"], item.Values.ToArray());
        Assert.Null(await lookup.FindItemAsync(other.Id, catalog.Id, "MSK", CancellationToken.None));
    }
}
