using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;
using Platform.Modules.Forms.Contracts;

namespace Platform.IntegrationTests.Forms;

public sealed record FormTemplateDto(
    Guid Id, int Version, int LatestVersion, string Name, string? Description, bool IsArchived,
    IReadOnlyList<FormField> Fields, FormRoute Route, DateTimeOffset CreatedAt, DateTimeOffset VersionCreatedAt);

public sealed record FormSummaryDto(Guid Id, string Name, int Version, bool IsArchived, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record FormListDto(IReadOnlyList<FormSummaryDto> Items, string? NextCursor);

public sealed class FormTemplateTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    private const string BaseUrl = "/api/v1/forms";

    private static object Purchase(Guid approver, string name = "Purchase request", string amountLabel = "Amount") => new
    {
        name,
        description = "Buy things",
        fields = new object[]
        {
            new { code = "amount", type = "money", label = amountLabel, currency = "RUB", requiredFromStep = 1 },
            new { code = "kind", type = "single_choice", label = "Kind", options = new[] { new { id = "hw", label = "Hardware" } } },
            new { code = "manager", type = "person", label = "Manager" },
            new { code = "items", type = "table", label = "Items", columns = new object[] { new { code = "qty", type = "number", label = "Qty", min = 1 } } },
        },
        route = new
        {
            onReject = "back_to_first_step",
            steps = new object[] { new { name = "Manager", approvers = Array.Empty<Guid>() }, new { name = "Finance", approvers = new[] { approver } } },
            rules = new object[]
            {
                new { action = "add_approver", step = 1, fromField = "manager" },
                new { action = "add_approver", step = 2, users = new[] { approver }, when = new { field = "amount", @operator = "greater", value = 100000 } },
            },
        },
    };

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body, string? ifMatch = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        if (ifMatch is not null)
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(ifMatch));
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }

    private static async Task<FormTemplateDto> CreateAsync(TestUser admin, object? body = null)
    {
        var response = await admin.Client.PostAsJsonAsync(BaseUrl, body ?? Purchase(admin.Id));
        var created = await Http.ReadAsync<FormTemplateDto>(response, HttpStatusCode.Created);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal($"/api/v1/forms/{created.Id}", response.Headers.Location?.ToString());
        return created;
    }

    [Fact]
    public async Task An_admin_creates_a_template_and_members_read_it()
    {
        var org = await app.CreateOrganizationAsync();
        var member = await org.AddMemberAsync();
        var created = await CreateAsync(org.Admin);
        Assert.Equal(1, created.Version);
        Assert.Equal(["amount", "kind", "manager", "items"], created.Fields.Select(f => f.Code));
        Assert.Equal("RUB", created.Fields[0].Currency);
        Assert.Equal(2, created.Fields[0].Decimals);
        Assert.Equal("qty", Assert.Single(created.Fields[3].Columns!).Code);
        Assert.Equal([1, 2], created.Route.Steps.Select(s => s.Number));
        Assert.Equal("100000", created.Route.Rules[1].When!.Value);
        Assert.Equal(RejectBehaviors.BackToFirstStep, created.Route.OnReject);

        var read = await Http.ReadAsync<FormTemplateDto>(await member.Client.GetAsync($"{BaseUrl}/{created.Id}"), HttpStatusCode.OK);
        Assert.Equal(created.Name, read.Name);
        var list = await Http.ReadAsync<FormListDto>(await member.Client.GetAsync(BaseUrl), HttpStatusCode.OK);
        Assert.Equal(created.Id, Assert.Single(list.Items).Id);
    }

    [Fact]
    public async Task A_change_is_a_new_version_and_old_versions_stay_readable()
    {
        var org = await app.CreateOrganizationAsync();
        var created = await CreateAsync(org.Admin);

        var updated = await SendAsync(org.Admin.Client, HttpMethod.Put, $"{BaseUrl}/{created.Id}", Purchase(org.Admin.Id, "Purchase v2", "Total"), ifMatch: "\"1\"");
        var v2 = await Http.ReadAsync<FormTemplateDto>(updated, HttpStatusCode.OK);
        Assert.Equal(2, v2.Version);
        Assert.Equal("\"2\"", updated.Headers.ETag?.Tag);
        Assert.Equal("Total", v2.Fields[0].Label);

        var latest = await Http.ReadAsync<FormTemplateDto>(await org.Admin.Client.GetAsync($"{BaseUrl}/{created.Id}"), HttpStatusCode.OK);
        Assert.Equal((2, 2, "Purchase v2"), (latest.Version, latest.LatestVersion, latest.Name));
        var old = await Http.ReadAsync<FormTemplateDto>(await org.Admin.Client.GetAsync($"{BaseUrl}/{created.Id}?version=1"), HttpStatusCode.OK);
        Assert.Equal((1, 2, "Purchase request", "Amount"), (old.Version, old.LatestVersion, old.Name, old.Fields[0].Label));
        await Http.ProblemAsync(await org.Admin.Client.GetAsync($"{BaseUrl}/{created.Id}?version=3"), HttpStatusCode.NotFound);

        // The contract other modules use sees the same pinned versions.
        await using var scope = app.Services.CreateAsyncScope();
        var templates = scope.ServiceProvider.GetRequiredService<IFormTemplates>();
        Assert.Equal("Amount", (await templates.GetVersionAsync(org.Id, created.Id, 1, CancellationToken.None))!.Fields[0].Label);
        Assert.Equal(2, (await templates.GetVersionAsync(org.Id, created.Id, null, CancellationToken.None))!.Version);
        Assert.Null(await templates.GetVersionAsync(Guid.NewGuid(), created.Id, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_change_based_on_a_stale_version_is_412()
    {
        var org = await app.CreateOrganizationAsync();
        var created = await CreateAsync(org.Admin);
        await Http.EnsureStatusAsync(await SendAsync(org.Admin.Client, HttpMethod.Put, $"{BaseUrl}/{created.Id}", Purchase(org.Admin.Id, "B"), ifMatch: "\"1\""), HttpStatusCode.OK);

        var stale = await SendAsync(org.Admin.Client, HttpMethod.Put, $"{BaseUrl}/{created.Id}", Purchase(org.Admin.Id, "C"), ifMatch: "\"1\"");
        await Http.ProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal("\"2\"", stale.Headers.ETag?.Tag);
        await Http.ProblemAsync(await SendAsync(org.Admin.Client, HttpMethod.Post, $"{BaseUrl}/{created.Id}/archive", null, ifMatch: "\"1\""), HttpStatusCode.PreconditionFailed);

        var latest = await Http.ReadAsync<FormTemplateDto>(await org.Admin.Client.GetAsync($"{BaseUrl}/{created.Id}"), HttpStatusCode.OK);
        Assert.Equal((2, "B", false), (latest.Version, latest.Name, latest.IsArchived));
    }

    [Fact]
    public async Task Members_cannot_create_change_or_archive_templates()
    {
        var org = await app.CreateOrganizationAsync();
        var member = await org.AddMemberAsync();
        var created = await CreateAsync(org.Admin);
        await Http.ProblemAsync(await member.Client.PostAsJsonAsync(BaseUrl, Purchase(member.Id)), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await SendAsync(member.Client, HttpMethod.Put, $"{BaseUrl}/{created.Id}", Purchase(member.Id)), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await SendAsync(member.Client, HttpMethod.Post, $"{BaseUrl}/{created.Id}/archive", null), HttpStatusCode.Forbidden);
        var latest = await Http.ReadAsync<FormTemplateDto>(await member.Client.GetAsync($"{BaseUrl}/{created.Id}"), HttpStatusCode.OK);
        Assert.Equal((1, false), (latest.Version, latest.IsArchived));
    }

    [Fact]
    public async Task Another_organisation_gets_not_found()
    {
        var owner = await app.CreateOrganizationAsync();
        var stranger = (await app.CreateOrganizationAsync()).Admin;
        var created = await CreateAsync(owner.Admin);
        await Http.ProblemAsync(await stranger.Client.GetAsync($"{BaseUrl}/{created.Id}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await stranger.Client.GetAsync($"{BaseUrl}/{created.Id}?version=1"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await SendAsync(stranger.Client, HttpMethod.Put, $"{BaseUrl}/{created.Id}", Purchase(stranger.Id), ifMatch: "\"1\""), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await SendAsync(stranger.Client, HttpMethod.Post, $"{BaseUrl}/{created.Id}/archive", null), HttpStatusCode.NotFound);
        var list = await Http.ReadAsync<FormListDto>(await stranger.Client.GetAsync($"{BaseUrl}?includeArchived=true"), HttpStatusCode.OK);
        Assert.DoesNotContain(list.Items, t => t.Id == created.Id);
        // A route may not name people of another organisation either.
        var foreign = await stranger.Client.PostAsJsonAsync(BaseUrl, Purchase(owner.Admin.Id));
        var problem = await Http.ProblemAsync(foreign, HttpStatusCode.BadRequest);
        Assert.Contains($"{owner.Admin.Id} is not a member of your organisation.", Http.FieldErrors(problem, "route.steps[1].approvers"));
        Assert.NotEmpty(Http.FieldErrors(problem, "route.rules[1].users"));
    }

    [Fact]
    public async Task Validation_errors_name_the_field_paths()
    {
        var org = await app.CreateOrganizationAsync();
        var response = await org.Admin.Client.PostAsJsonAsync(BaseUrl, new
        {
            name = "",
            fields = new object[]
            {
                new { code = "Amount", type = "number", label = "A" },
                new { code = "kind", type = "single_choice", label = "Kind", options = new[] { new { id = "x", label = "X" }, new { id = "x", label = "Y" } } },
                new { code = "items", type = "table", label = "Items", columns = new object[] { new { code = "qty", type = "money", label = "Qty" } } },
                new { code = "when", type = "colour", label = "When" },
            },
            route = new { steps = new object[] { new { } }, onReject = "shrug", rules = new object[] { new { action = "add_approver", step = 2, fromField = "kind" } } },
        });
        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        foreach (var path in new[]
                 {
                     "name", "fields[0].code", "fields[1].options[1].id", "fields[2].columns[0].currency", "fields[3].type",
                     "route.onReject", "route.rules[0].step", "route.rules[0].fromField",
                 })
            Assert.NotEmpty(Http.FieldErrors(problem, path));
        var list = await Http.ReadAsync<FormListDto>(await org.Admin.Client.GetAsync(BaseUrl), HttpStatusCode.OK);
        Assert.Empty(list.Items);
    }

    [Fact]
    public async Task Create_with_an_idempotency_key_happens_once()
    {
        var org = await app.CreateOrganizationAsync();
        var first = await SendAsync(org.Admin.Client, HttpMethod.Post, BaseUrl, Purchase(org.Admin.Id), idempotencyKey: "form-1");
        var created = await Http.ReadAsync<FormTemplateDto>(first, HttpStatusCode.Created);
        var again = await SendAsync(org.Admin.Client, HttpMethod.Post, BaseUrl, Purchase(org.Admin.Id), idempotencyKey: "form-1");
        var replayed = await Http.ReadAsync<FormTemplateDto>(again, HttpStatusCode.Created);
        Assert.Equal(created.Id, replayed.Id);
        Assert.True(again.Headers.Contains("Idempotency-Replayed"));
        var list = await Http.ReadAsync<FormListDto>(await org.Admin.Client.GetAsync(BaseUrl), HttpStatusCode.OK);
        Assert.Single(list.Items);
    }

    [Fact]
    public async Task Archived_templates_leave_the_list_stay_readable_and_cannot_change()
    {
        var org = await app.CreateOrganizationAsync();
        var created = await CreateAsync(org.Admin);
        await Http.EnsureStatusAsync(await SendAsync(org.Admin.Client, HttpMethod.Post, $"{BaseUrl}/{created.Id}/archive", null, ifMatch: "\"1\""), HttpStatusCode.NoContent);
        Assert.Empty((await Http.ReadAsync<FormListDto>(await org.Admin.Client.GetAsync(BaseUrl), HttpStatusCode.OK)).Items);
        Assert.True(Assert.Single((await Http.ReadAsync<FormListDto>(await org.Admin.Client.GetAsync($"{BaseUrl}?includeArchived=true"), HttpStatusCode.OK)).Items).IsArchived);
        Assert.True((await Http.ReadAsync<FormTemplateDto>(await org.Admin.Client.GetAsync($"{BaseUrl}/{created.Id}"), HttpStatusCode.OK)).IsArchived);
        await Http.ProblemAsync(await SendAsync(org.Admin.Client, HttpMethod.Put, $"{BaseUrl}/{created.Id}", Purchase(org.Admin.Id)), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_list_is_keyset_paged()
    {
        var org = await app.CreateOrganizationAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
            ids.Add((await CreateAsync(org.Admin, Purchase(org.Admin.Id, $"Form {i}"))).Id);
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await Http.ReadAsync<FormListDto>(
                await org.Admin.Client.GetAsync($"{BaseUrl}?limit=2{(cursor is null ? "" : $"&after={cursor}")}"), HttpStatusCode.OK);
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(t => t.Id));
            cursor = page.NextCursor;
        } while (cursor is not null);
        Assert.Equal(ids, seen);
        var bad = await Http.ProblemAsync(await org.Admin.Client.GetAsync($"{BaseUrl}?after=garbage"), HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(bad, "after"));
    }

    [Fact]
    public async Task Anonymous_callers_get_401()
    {
        var anonymous = app.CreateClient();
        await Http.ProblemAsync(await anonymous.GetAsync(BaseUrl), HttpStatusCode.Unauthorized);
        await Http.ProblemAsync(await anonymous.PostAsJsonAsync(BaseUrl, new { }), HttpStatusCode.Unauthorized);
    }
}
