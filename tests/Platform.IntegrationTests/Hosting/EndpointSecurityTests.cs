using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Hosting;

/// <summary>
/// Sweeps every endpoint the host maps — including ones added after this test was written — so
/// that an endpoint someone forgot to protect fails the build's tests.
/// </summary>
public sealed partial class EndpointSecurityTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    /// <summary>Endpoints meant to be reachable without signing in.</summary>
    private static readonly HashSet<string> Anonymous =
    [
        "GET /health/live", "GET /health/ready", "GET /health/node", "GET /openapi/{documentName}.json",
        "GET /api/v1/setup", "POST /api/v1/setup", "POST /api/v1/auth/login", "POST /api/v1/auth/refresh",
    ];

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    private IEnumerable<(string Method, string Pattern, bool AllowsAnonymous)> ApiEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m =>
                (m, "/" + e.RoutePattern.RawText!.TrimStart('/'), e.Metadata.GetMetadata<IAllowAnonymous>() is not null)));

    [Fact]
    public async Task Every_endpoint_except_the_public_ones_answers_401_to_an_anonymous_caller()
    {
        var endpoints = ApiEndpoints().ToList();
        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} endpoints found: the sweep is not seeing the modules");
        var client = app.CreateClient();
        var failures = new List<string>();
        foreach (var (method, pattern, allowsAnonymous) in endpoints)
        {
            var key = $"{method} {pattern}";
            if (allowsAnonymous)
            {
                if (!Anonymous.Contains(key))
                    failures.Add($"{key} allows anonymous callers but is not on the public list");
                continue;
            }
            var path = RouteParameter().Replace(pattern, m => m.Value.Contains(":int", StringComparison.Ordinal) ? "1" : Guid.NewGuid().ToString());
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" or "PATCH")
                request.Content = JsonContent.Create(new { });
            var response = await client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
                failures.Add($"{key} answered {(int)response.StatusCode} to an anonymous caller");
            else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                failures.Add($"{key} answered 401 without a problem body");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Another_organisations_member_never_gets_a_2xx_from_an_endpoint_with_an_id()
    {
        // Random ids stand in for "ids that exist in another organisation": every lookup filters by
        // the caller's organisation first, so both must read as not found (or be refused earlier).
        var org = await app.CreateOrganizationAsync();
        var member = await org.AddMemberAsync();
        var failures = new List<string>();
        foreach (var (method, pattern, allowsAnonymous) in ApiEndpoints().Where(e => !e.AllowsAnonymous && e.Pattern.Contains(":guid}", StringComparison.Ordinal)))
        {
            var path = RouteParameter().Replace(pattern, m => m.Value.Contains(":int", StringComparison.Ordinal) ? "1" : Guid.NewGuid().ToString());
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" or "PATCH")
                request.Content = JsonContent.Create(new { });
            var response = await member.Client.SendAsync(request);
            var status = (int)response.StatusCode;
            if (status is < 400 or >= 500)
                failures.Add($"{method} {pattern} answered {status}: {await response.Content.ReadAsStringAsync()}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_same_tenant_member_without_access_gets_404_from_every_task_endpoint_and_403_from_a_restricted_forms_register()
    {
        // A form task of a form open only to its creator; the colleague takes no part in the task,
        // holds no right on the form and sees none of the task's lists. Every endpoint that takes a
        // task id — including ones added after this test — must answer 404, reached past body
        // validation: the bodies below are valid for each endpoint.
        var org = await app.CreateOrganizationAsync();
        var creator = await org.AddMemberAsync();
        var colleague = await org.AddMemberAsync();
        var templateId = (await Http.ReadAsync<System.Text.Json.JsonElement>(await org.Admin.Client.PostAsJsonAsync("/api/v1/forms", new
        {
            name = "Restricted",
            fields = new object[] { new { code = "amount", type = "number", label = "Amount" } },
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Http.EnsureStatusAsync(await org.Admin.Client.PutAsJsonAsync($"/api/v1/forms/{templateId}/access",
            new { creators = new { users = new[] { creator.Id } } }), HttpStatusCode.OK);
        var task = await Http.ReadAsync<TaskDto>(await creator.Client.PostAsJsonAsync("/api/v1/tasks",
            new { title = "Claim", form = new { templateId, values = new { amount = 1 } } }), HttpStatusCode.Created);
        var ownList = (await Http.ReadAsync<System.Text.Json.JsonElement>(await colleague.Client.PostAsJsonAsync("/api/v1/lists", new { name = "Mine" }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        await Http.EnsureStatusAsync(await creator.Client.GetAsync($"/api/v1/tasks/{task.Id}"), HttpStatusCode.OK); // the id is real

        const string taskPrefix = "/api/v1/tasks/{id:guid}";
        var endpoints = ApiEndpoints().Where(e => !e.AllowsAnonymous && e.Pattern.StartsWith(taskPrefix, StringComparison.Ordinal)).ToList();
        Assert.True(endpoints.Count >= 15, $"only {endpoints.Count} task endpoints found");
        var failures = new List<string>();
        foreach (var (method, pattern, _) in endpoints)
        {
            var path = RouteParameter().Replace(pattern, m => m.Value switch
            {
                "{id:guid}" => task.Id.ToString(),
                "{listId:guid}" => ownList.ToString(),
                _ => colleague.Id.ToString(), // a user id: the colleague themselves (self-service paths)
            });
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = (method, pattern) switch
                {
                    ("PATCH", taskPrefix) => JsonContent.Create(new { title = "Mine now" }),
                    ("PATCH", _) => JsonContent.Create(new { values = new { amount = 2 } }),
                    _ => JsonContent.Create(new { text = "let me in", userIds = new[] { colleague.Id }, listId = ownList, until = (DateTimeOffset?)null }),
                };
            }
            var response = await colleague.Client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.NotFound)
                failures.Add($"{method} {pattern} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        await Http.ProblemAsync(await colleague.Client.GetAsync($"/api/v1/forms/{templateId}/register"), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await colleague.Client.PostAsJsonAsync("/api/v1/tasks", new { form = new { templateId, values = new { amount = 3 } } }), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await colleague.Client.PutAsJsonAsync($"/api/v1/forms/{templateId}/access", new { creators = new { users = new[] { colleague.Id } } }), HttpStatusCode.Forbidden);
        var unchanged = await Http.ReadAsync<TaskDto>(await creator.Client.GetAsync($"/api/v1/tasks/{task.Id}"), HttpStatusCode.OK);
        Assert.Equal("Claim", unchanged.Title);
        Assert.Single(unchanged.Comments);
    }
}
