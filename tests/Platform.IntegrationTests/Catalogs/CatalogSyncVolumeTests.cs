using System.Diagnostics;
using System.Globalization;
using System.Net;
using Platform.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static Platform.IntegrationTests.Catalogs.CatalogApi;

namespace Platform.IntegrationTests.Catalogs;

/// <summary>
/// A realistic sync size. Correctness is asserted; the time is printed, not asserted (it depends on
/// the machine), to watch for a sync turning into N round trips.
/// </summary>
public sealed class CatalogSyncVolumeTests(PlatformApp app, ITestOutputHelper output) : IClassFixture<PlatformApp>
{
    private const int Count = 20_000;

    private static string[] Row(int i, string suffix = "") =>
        [$"SKU-{i:D6}", $"Product {i}{suffix}", (i % 97).ToString(CultureInfo.InvariantCulture), i % 3 == 0 ? "" : "in stock"];

    [Fact]
    public async Task A_sync_of_20000_items_and_a_resync_that_changes_a_tenth_of_them_are_applied_correctly()
    {
        var org = await app.CreateOrganizationAsync();
        var client = org.Admin.Client;
        string[] headers = ["SKU", "Name", "Shelf", "Status"];
        var catalog = await CreateAsync(client, "Products", headers);

        var stopwatch = Stopwatch.StartNew();
        var fill = await Http.ReadAsync<ChangeResultDto>(
            await SyncAsync(client, catalog.Id, headers, Enumerable.Range(0, Count).Select(i => Row(i)).ToArray()), HttpStatusCode.OK);
        var fillTime = stopwatch.Elapsed;
        Assert.Equal(new ChangeResultDto(2, Added: Count, Updated: 0, Deleted: 0, Unchanged: 0), fill);

        // 1 000 deleted (0..999 absent), 1 000 updated (1000..1999 renamed), 1 000 added (20000..20999).
        var resyncRows = Enumerable.Range(1000, Count).Select(i => i < 2000 ? Row(i, " v2") : Row(i)).ToArray();
        stopwatch.Restart();
        var resync = await Http.ReadAsync<ChangeResultDto>(await SyncAsync(client, catalog.Id, headers, resyncRows), HttpStatusCode.OK);
        var resyncTime = stopwatch.Elapsed;
        Assert.Equal(new ChangeResultDto(3, Added: 1000, Updated: 1000, Deleted: 1000, Unchanged: Count - 2000), resync);

        stopwatch.Restart();
        var (after, items) = await ReadAllAsync(client, catalog.Id);
        var readTime = stopwatch.Elapsed;
        Assert.Equal(Count, after.ItemCount);
        Assert.Equal(Count, items.Count);
        Assert.Equal(resyncRows.Select(r => r[0]).Order(StringComparer.Ordinal), items.Select(i => i.Key));
        var byKey = items.ToDictionary(i => i.Key);
        Assert.Equal(Row(1500, " v2"), byKey["SKU-001500"].Values);
        Assert.Equal(Row(20500), byKey["SKU-020500"].Values);
        Assert.Equal(Row(7000), byKey["SKU-007000"].Values);
        Assert.False(byKey.ContainsKey("SKU-000500"));

        output.WriteLine($"sync of {Count} new items: {fillTime.TotalMilliseconds:F0} ms");
        output.WriteLine($"re-sync of {Count} items (1000 added, 1000 updated, 1000 deleted): {resyncTime.TotalMilliseconds:F0} ms");
        output.WriteLine($"read of {Count} items in pages of 5000: {readTime.TotalMilliseconds:F0} ms");
    }
}
