using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Identity;

/// <summary><c>GET /api/v1/users</c>: keyset pages, prefix search, memberships and flags per item.</summary>
public sealed class PeopleListTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task Pages_cover_everyone_once_in_order()
    {
        var org = await app.CreateOrganizationAsync();
        var added = new List<Guid> { org.Admin.Id };
        for (var i = 0; i < 4; i++)
            added.Add((await org.AddMemberAsync($"Page person {i}")).Id);

        var seen = new List<Guid>();
        string? after = null;
        var pages = 0;
        do
        {
            var url = "/api/v1/users?limit=2" + (after is null ? "" : $"&after={after}");
            var page = await Http.ReadAsync<PeopleListDto>(await org.Admin.Client.GetAsync(url), HttpStatusCode.OK);
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(p => p.Id));
            after = page.NextCursor;
            pages++;
        }
        while (after is not null);

        Assert.Equal(added, seen);
        Assert.Equal(3, pages);

        var badCursor = await org.Admin.Client.GetAsync("/api/v1/users?after=not-a-cursor");
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(badCursor, HttpStatusCode.BadRequest), "after"));
        var badLimit = await org.Admin.Client.GetAsync("/api/v1/users?limit=0");
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(badLimit, HttpStatusCode.BadRequest), "limit"));
    }

    [Fact]
    public async Task Q_matches_the_start_of_the_name_of_a_word_in_it_or_of_the_email()
    {
        var org = await app.CreateOrganizationAsync();
        var ann = await org.AddMemberAsync("Annabel Smith");
        var bob = await org.AddMemberAsync("Bob Annerson");
        await org.AddMemberAsync("Joanna Brown");
        await org.AddMemberAsync("100% Literal_");

        async Task<List<Guid>> SearchAsync(string q) =>
            (await org.Admin.Client.GetFromJsonAsync<PeopleListDto>($"/api/v1/users?q={Uri.EscapeDataString(q)}"))!.Items.Select(i => i.Id).ToList();

        Assert.Equal([ann.Id, bob.Id], await SearchAsync("ann"));
        Assert.Equal([ann.Id], await SearchAsync("SMI"));
        Assert.Equal([ann.Id], await SearchAsync(ann.Email[..10]));
        // LIKE wildcards in q are literal characters.
        Assert.Empty(await SearchAsync("%"));
        Assert.Empty(await SearchAsync("_"));
        Assert.Single(await SearchAsync("100%"));
    }

    [Fact]
    public async Task Items_carry_departments_roles_and_the_blocked_and_bot_flags_of_my_organisation_only()
    {
        var org = await app.CreateOrganizationAsync();
        var member = await org.AddMemberAsync("Flagged person");
        var sales = await org.Admin.CreateDepartmentAsync("Sales");
        var accountants = await org.Admin.CreateRoleAsync("Accountants");
        await Http.EnsureStatusAsync(await org.Admin.Client.PutAsync($"/api/v1/departments/{sales.Id}/members/{member.Id}", null), HttpStatusCode.NoContent);
        await Http.EnsureStatusAsync(await org.Admin.Client.PutAsync($"/api/v1/roles/{accountants.Id}/members/{member.Id}", null), HttpStatusCode.NoContent);
        await Http.EnsureStatusAsync(await org.Admin.BlockAsync(member.Id), HttpStatusCode.NoContent);
        var bot = await org.Admin.CreateBotAsync("Importer");
        var other = await app.CreateOrganizationAsync();

        var list = await org.Admin.Client.GetFromJsonAsync<PeopleListDto>("/api/v1/users");
        Assert.Equal([org.Admin.Id, member.Id, bot.Id], list!.Items.Select(i => i.Id));
        var person = list.Items[1];
        Assert.True(person.IsBlocked);
        Assert.Equal([new NamedRefDto(sales.Id, "Sales")], person.Departments);
        Assert.Equal([new NamedRefDto(accountants.Id, "Accountants")], person.Roles);
        var botItem = list.Items[2];
        Assert.True(botItem.IsBot);
        Assert.Null(botItem.Email);
        Assert.DoesNotContain(list.Items, i => i.Id == other.Admin.Id);
    }
}
