using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Forms;

public sealed record FormVersionSummaryDto(int Version, DateTimeOffset CreatedAt, Guid CreatedBy, string? CreatedByName, int FieldCount, int StepCount);

public sealed record FormVersionListDto(IReadOnlyList<FormVersionSummaryDto> Items, int LatestVersion, string? NextCursor);

/// <summary>GET /api/v1/forms/{id}/versions and /versions/{n}: the history of a template, against real PostgreSQL.</summary>
public sealed class FormTemplateVersionTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    private const string BaseUrl = "/api/v1/forms";

    private static object Definition(string name, int fields, int steps, Guid approver) => new
    {
        name,
        fields = Enumerable.Range(1, fields).Select(i => new { code = $"f{i}", type = "text", label = $"Field {i}" }).ToArray(),
        route = new { steps = Enumerable.Range(1, steps).Select(i => new { name = $"Step {i}", approvers = new[] { approver } }).ToArray() },
    };

    /// <summary>Version 1 (2 fields, 1 step) by the admin, 2 (3 fields, no route) and 3 (1 field, 2 steps) by a second admin.</summary>
    private static async Task<(Guid Id, TestUser Editor)> HistoryAsync(TestOrganization org)
    {
        var id = (await Http.ReadAsync<FormTemplateDto>(
            await org.Admin.Client.PostAsJsonAsync(BaseUrl, Definition("Leave v1", 2, 1, org.Admin.Id)), HttpStatusCode.Created)).Id;
        var editor = await org.AddMemberAsync("Second Admin");
        await Http.EnsureStatusAsync(await org.Admin.Client.PatchAsJsonAsync($"/api/v1/users/{editor.Id}", new { isAdmin = true }), HttpStatusCode.OK);
        await Http.EnsureStatusAsync(await editor.Client.PutAsJsonAsync($"{BaseUrl}/{id}", Definition("Leave v2", 3, 0, org.Admin.Id)), HttpStatusCode.OK);
        await Http.EnsureStatusAsync(await editor.Client.PutAsJsonAsync($"{BaseUrl}/{id}", Definition("Leave v3", 1, 2, org.Admin.Id)), HttpStatusCode.OK);
        return (id, editor);
    }

    [Fact]
    public async Task Members_list_the_versions_newest_first_with_author_and_counts_and_read_any_of_them()
    {
        var org = await app.CreateOrganizationAsync();
        var member = await org.AddMemberAsync();
        var (id, editor) = await HistoryAsync(org);

        var list = await Http.ReadAsync<FormVersionListDto>(await member.Client.GetAsync($"{BaseUrl}/{id}/versions"), HttpStatusCode.OK);
        Assert.Equal(3, list.LatestVersion);
        Assert.Null(list.NextCursor);
        Assert.Equal([(3, 1, 2), (2, 3, 0), (1, 2, 1)], list.Items.Select(v => (v.Version, v.FieldCount, v.StepCount)));
        Assert.Equal([editor.Id, editor.Id, org.Admin.Id], list.Items.Select(v => v.CreatedBy));
        Assert.Equal("Second Admin", list.Items[0].CreatedByName);
        Assert.True(list.Items[0].CreatedAt >= list.Items[1].CreatedAt && list.Items[1].CreatedAt >= list.Items[2].CreatedAt);

        var response = await member.Client.GetAsync($"{BaseUrl}/{id}/versions/2");
        var v2 = await Http.ReadAsync<FormTemplateDto>(response, HttpStatusCode.OK);
        Assert.Equal((2, 3, "Leave v2", 3), (v2.Version, v2.LatestVersion, v2.Name, v2.Fields.Count));
        Assert.Empty(v2.Route.Steps);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        Assert.Equal(list.Items[1].CreatedAt, v2.VersionCreatedAt);

        await Http.ProblemAsync(await member.Client.GetAsync($"{BaseUrl}/{id}/versions/4"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await member.Client.GetAsync($"{BaseUrl}/{id}/versions/0"), HttpStatusCode.BadRequest);
        await Http.ProblemAsync(await member.Client.GetAsync($"{BaseUrl}/{Guid.NewGuid()}/versions"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_list_pages_by_cursor_and_refuses_bad_paging()
    {
        var org = await app.CreateOrganizationAsync();
        var (id, _) = await HistoryAsync(org);

        var first = await Http.ReadAsync<FormVersionListDto>(await org.Admin.Client.GetAsync($"{BaseUrl}/{id}/versions?limit=2"), HttpStatusCode.OK);
        Assert.Equal([3, 2], first.Items.Select(v => v.Version));
        Assert.NotNull(first.NextCursor);
        var second = await Http.ReadAsync<FormVersionListDto>(
            await org.Admin.Client.GetAsync($"{BaseUrl}/{id}/versions?limit=2&after={Uri.EscapeDataString(first.NextCursor!)}"), HttpStatusCode.OK);
        Assert.Equal([1], second.Items.Select(v => v.Version));
        Assert.Null(second.NextCursor);

        await Http.ProblemAsync(await org.Admin.Client.GetAsync($"{BaseUrl}/{id}/versions?limit=0"), HttpStatusCode.BadRequest);
        await Http.ProblemAsync(await org.Admin.Client.GetAsync($"{BaseUrl}/{id}/versions?limit=201"), HttpStatusCode.BadRequest);
        await Http.ProblemAsync(await org.Admin.Client.GetAsync($"{BaseUrl}/{id}/versions?after=abc"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Archived_templates_keep_their_history_and_another_organisation_gets_not_found()
    {
        var owner = await app.CreateOrganizationAsync();
        var stranger = (await app.CreateOrganizationAsync()).Admin;
        var (id, _) = await HistoryAsync(owner);
        await Http.EnsureStatusAsync(await owner.Admin.Client.PostAsync($"{BaseUrl}/{id}/archive", null), HttpStatusCode.NoContent);

        var list = await Http.ReadAsync<FormVersionListDto>(await owner.Admin.Client.GetAsync($"{BaseUrl}/{id}/versions"), HttpStatusCode.OK);
        Assert.Equal(3, list.Items.Count);
        await Http.EnsureStatusAsync(await owner.Admin.Client.GetAsync($"{BaseUrl}/{id}/versions/1"), HttpStatusCode.OK);

        await Http.ProblemAsync(await stranger.Client.GetAsync($"{BaseUrl}/{id}/versions"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await stranger.Client.GetAsync($"{BaseUrl}/{id}/versions/1"), HttpStatusCode.NotFound);
    }
}
