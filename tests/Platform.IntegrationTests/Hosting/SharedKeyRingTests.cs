using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Hosting;

/// <summary>
/// Two nodes on one database: a cookie or bearer token issued by one is accepted by the other,
/// because the Data Protection key ring lives in PostgreSQL, not on a node's disk.
/// </summary>
public sealed class SharedKeyRingTests(PlatformApp nodeA) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task A_cookie_and_a_token_issued_by_one_node_are_accepted_by_another()
    {
        var org = await nodeA.CreateOrganizationAsync();
        await using var nodeB = nodeA.WithWebHostBuilder(_ => { });

        var browserOnA = nodeA.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var login = await browserOnA.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = org.Admin.Email, password = PlatformApp.AdminPassword });
        await Http.EnsureStatusAsync(login, HttpStatusCode.OK);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("platform.auth=", StringComparison.Ordinal)).Split(';')[0];

        var browserOnB = nodeB.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("Cookie", cookie);
        var me = await Http.ReadAsync<MeDto>(await browserOnB.SendAsync(request), HttpStatusCode.OK);
        Assert.Equal(org.Admin.Id, me.Id);

        // org.Admin's bearer token was issued by node A.
        var apiOnB = nodeB.CreateClient();
        apiOnB.DefaultRequestHeaders.Authorization = org.Admin.Client.DefaultRequestHeaders.Authorization;
        Assert.Equal(org.Admin.Id, (await Http.ReadAsync<MeDto>(await apiOnB.GetAsync("/api/v1/me"), HttpStatusCode.OK)).Id);
    }
}
