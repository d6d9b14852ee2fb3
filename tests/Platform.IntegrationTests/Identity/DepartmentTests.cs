using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Identity;

/// <summary>Departments: a tree per organisation, several per member, admins change, members read.</summary>
public sealed class DepartmentTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task A_tree_is_built_moved_and_pruned_and_cycles_are_refused_on_parentId()
    {
        var org = await app.CreateOrganizationAsync();
        var admin = org.Admin;
        var head = await org.AddMemberAsync("Head of sales");
        var company = await admin.CreateDepartmentAsync("Company");
        var sales = await admin.CreateDepartmentAsync("Sales", company.Id, head.Id);
        var east = await admin.CreateDepartmentAsync("Sales East", sales.Id);

        var details = await Http.ReadAsync<DepartmentDto>(await head.Client.GetAsync($"/api/v1/departments/{sales.Id}"), HttpStatusCode.OK);
        Assert.Equal((company.Id, head.Id), (details.ParentId, details.HeadUserId));
        Assert.Equal([east.Id], details.ChildIds);

        // The company under its own grandchild, or under itself: refused, per field.
        foreach (var parent in new[] { east.Id, company.Id })
        {
            var cycle = await admin.Client.PutAsJsonAsync($"/api/v1/departments/{company.Id}", new { name = "Company", parentId = parent });
            var problem = await Http.ProblemAsync(cycle, HttpStatusCode.BadRequest);
            Assert.NotEmpty(Http.FieldErrors(problem, "parentId"));
        }

        // Moving East to the top is fine (parentId null), and renaming with it.
        var moved = await Http.ReadAsync<DepartmentDto>(
            await admin.Client.PutAsJsonAsync($"/api/v1/departments/{east.Id}", new { name = "East", parentId = (Guid?)null }), HttpStatusCode.OK);
        Assert.Null(moved.ParentId);
        Assert.Equal("East", moved.Name);

        // Sibling names are unique (ignoring case); the same name elsewhere in the tree is fine.
        var duplicate = await admin.Client.PostAsJsonAsync("/api/v1/departments", new { name = "SALES", parentId = company.Id });
        Assert.NotEmpty(Http.FieldErrors(await Http.ProblemAsync(duplicate, HttpStatusCode.BadRequest), "name"));
        await admin.CreateDepartmentAsync("Sales", east.Id);

        // A department with sub-departments is not deleted; a leaf is.
        await Http.ProblemAsync(await admin.Client.DeleteAsync($"/api/v1/departments/{company.Id}"), HttpStatusCode.Conflict);
        await Http.EnsureStatusAsync(await admin.Client.DeleteAsync($"/api/v1/departments/{sales.Id}"), HttpStatusCode.NoContent);
        var list = await head.Client.GetFromJsonAsync<DepartmentListDto>("/api/v1/departments");
        Assert.Equal(["Company", "East", "Sales"], list!.Items.Select(d => d.Name));
        Assert.Equal(east.Id, list.Items.Single(d => d.Name == "Sales").ParentId);
    }

    [Fact]
    public async Task A_member_belongs_to_several_departments_and_the_directory_reports_them()
    {
        var org = await app.CreateOrganizationAsync();
        var mia = await org.AddMemberAsync("Mia");
        var sales = await org.Admin.CreateDepartmentAsync("Sales");
        var support = await org.Admin.CreateDepartmentAsync("Support");
        foreach (var department in new[] { sales, support })
        {
            // Adding twice is still one membership.
            for (var i = 0; i < 2; i++)
                await Http.EnsureStatusAsync(await org.Admin.Client.PutAsync($"/api/v1/departments/{department.Id}/members/{mia.Id}", null), HttpStatusCode.NoContent);
        }

        Assert.Equal(["Sales", "Support"], (await mia.GetProfileAsync(mia.Id)).Departments.Select(d => d.Name));
        Assert.Equal([mia.Id], await app.DirectoryAsync(d => d.GetDepartmentMembersAsync(org.Id, sales.Id, default)));
        Assert.Equal([mia.Id], (await mia.Client.GetFromJsonAsync<DepartmentListDto>("/api/v1/departments"))!.Items.Single(d => d.Id == sales.Id).MemberIds);

        await Http.EnsureStatusAsync(await org.Admin.Client.DeleteAsync($"/api/v1/departments/{sales.Id}/members/{mia.Id}"), HttpStatusCode.NoContent);
        Assert.Empty(await app.DirectoryAsync(d => d.GetDepartmentMembersAsync(org.Id, sales.Id, default)));
        Assert.Equal(["Support"], (await mia.GetProfileAsync(mia.Id)).Departments.Select(d => d.Name));

        // Another organisation's id reads as an empty department.
        var other = await app.CreateOrganizationAsync();
        Assert.Empty(await app.DirectoryAsync(d => d.GetDepartmentMembersAsync(other.Id, support.Id, default)));
    }

    [Fact]
    public async Task Members_read_but_only_admins_change_departments()
    {
        var org = await app.CreateOrganizationAsync();
        var member = await org.AddMemberAsync();
        var sales = await org.Admin.CreateDepartmentAsync("Sales");

        await Http.EnsureStatusAsync(await member.Client.GetAsync("/api/v1/departments"), HttpStatusCode.OK);
        await Http.EnsureStatusAsync(await member.Client.GetAsync($"/api/v1/departments/{sales.Id}"), HttpStatusCode.OK);
        await Http.ProblemAsync(await member.Client.PostAsJsonAsync("/api/v1/departments", new { name = "Mine" }), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await member.Client.PutAsJsonAsync($"/api/v1/departments/{sales.Id}", new { name = "Mine" }), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await member.Client.DeleteAsync($"/api/v1/departments/{sales.Id}"), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await member.Client.PutAsync($"/api/v1/departments/{sales.Id}/members/{member.Id}", null), HttpStatusCode.Forbidden);
        await Http.ProblemAsync(await member.Client.DeleteAsync($"/api/v1/departments/{sales.Id}/members/{member.Id}"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_organisations_departments_and_people_are_not_found()
    {
        var org = await app.CreateOrganizationAsync();
        var other = await app.CreateOrganizationAsync();
        var theirs = await other.Admin.CreateDepartmentAsync("Their sales");
        var mine = await org.Admin.CreateDepartmentAsync("My sales");
        var client = org.Admin.Client;

        await Http.ProblemAsync(await client.GetAsync($"/api/v1/departments/{theirs.Id}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await client.PutAsJsonAsync($"/api/v1/departments/{theirs.Id}", new { name = "Mine" }), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await client.DeleteAsync($"/api/v1/departments/{theirs.Id}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await client.PutAsync($"/api/v1/departments/{theirs.Id}/members/{org.Admin.Id}", null), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await client.DeleteAsync($"/api/v1/departments/{theirs.Id}/members/{org.Admin.Id}"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await client.PutAsync($"/api/v1/departments/{mine.Id}/members/{other.Admin.Id}", null), HttpStatusCode.NotFound);
        Assert.DoesNotContain((await client.GetFromJsonAsync<DepartmentListDto>("/api/v1/departments"))!.Items, d => d.Id == theirs.Id);

        // In a body, a foreign id is a field error that says no more than "not yours".
        var foreign = await client.PostAsJsonAsync("/api/v1/departments", new { name = "Branch", parentId = theirs.Id, headUserId = other.Admin.Id });
        var problem = await Http.ProblemAsync(foreign, HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(problem, "parentId"));
        Assert.NotEmpty(Http.FieldErrors(problem, "headUserId"));
        Assert.Equal("Their sales", (await other.Admin.Client.GetFromJsonAsync<DepartmentDto>($"/api/v1/departments/{theirs.Id}"))!.Name);
    }
}
