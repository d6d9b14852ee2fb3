using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Catalogs.CatalogApi;

namespace Platform.IntegrationTests.Catalogs;

/// <summary>Members read, administrators change, other organisations see nothing (404 with real ids).</summary>
public sealed class CatalogAccessTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task A_member_can_read_catalogs_but_not_change_them()
    {
        var org = await app.CreateOrganizationAsync();
        var member = await org.AddMemberAsync();
        var catalog = await CreateAsync(org.Admin.Client, "Cities", ["Code", "City"], ["MSK", "Moscow"]);

        var list = await Http.ReadAsync<CatalogListDto>(await member.Client.GetAsync(BaseUrl), HttpStatusCode.OK);
        Assert.Equal(catalog.Id, Assert.Single(list.Items).Id);
        var read = await Http.ReadAsync<CatalogDetailsDto>(await member.Client.GetAsync($"{BaseUrl}/{catalog.Id}"), HttpStatusCode.OK);
        Assert.Equal("Moscow", read.Items.Single().Values[1]);

        await Http.ProblemAsync(await member.Client.PostAsJsonAsync(BaseUrl, new { name = "Mine", headers = Headers("Key") }), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await SyncAsync(member.Client, catalog.Id, ["Code", "City"], []), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await DiffAsync(member.Client, catalog.Id, [], ["MSK"]), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await member.Client.DeleteAsync($"{BaseUrl}/{catalog.Id}"), HttpStatusCode.Forbidden);

        var (after, items) = await ReadAllAsync(org.Admin.Client, catalog.Id);
        Assert.Equal(1, after.Version);
        Assert.Single(items);
    }

    [Fact]
    public async Task Another_organisation_gets_not_found_on_every_catalog_endpoint()
    {
        var owner = await app.CreateOrganizationAsync();
        var stranger = (await app.CreateOrganizationAsync()).Admin;
        var catalog = await CreateAsync(owner.Admin.Client, "Salaries", ["Name", "Amount"], ["Ann", "100"]);

        await Http.ProblemAsync(await stranger.Client.GetAsync($"{BaseUrl}/{catalog.Id}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await SyncAsync(stranger.Client, catalog.Id, ["Name", "Amount"], []), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await SyncAsync(stranger.Client, catalog.Id, ["Name", "Amount"], [], ifMatch: "\"1\""), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await DiffAsync(stranger.Client, catalog.Id, [], ["Ann"]), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await stranger.Client.DeleteAsync($"{BaseUrl}/{catalog.Id}"), HttpStatusCode.NotFound);
        var list = await Http.ReadAsync<CatalogListDto>(await stranger.Client.GetAsync(BaseUrl), HttpStatusCode.OK);
        Assert.DoesNotContain(list.Items, c => c.Id == catalog.Id);
        // Its own catalog may have the same name: names are unique per organisation only.
        await CreateAsync(stranger.Client, "Salaries", ["Name"]);

        var (after, items) = await ReadAllAsync(owner.Admin.Client, catalog.Id);
        Assert.Equal(1, after.Version);
        Assert.Equal("100", items.Single().Values[1]);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_problems()
    {
        var anonymous = app.CreateClient();
        var id = Guid.NewGuid();
        foreach (var (method, path) in new[]
                 {
                     ("GET", BaseUrl), ("POST", BaseUrl), ("GET", $"{BaseUrl}/{id}"), ("PUT", $"{BaseUrl}/{id}"),
                     ("POST", $"{BaseUrl}/{id}/diff"), ("DELETE", $"{BaseUrl}/{id}"),
                 })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT")
                request.Content = JsonContent.Create(new { });
            await Http.ProblemAsync(await anonymous.SendAsync(request), HttpStatusCode.Unauthorized);
        }
    }
}
