using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tasks;

/// <summary>What a member who does not manage the form sees in its register: the tasks they could open anyway.</summary>
public sealed class RegisterVisibilityTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    /// <summary>
    /// Makes <paramref name="member"/> a participant (added by the admin) of the tasks titled
    /// <paramref name="participantIn"/> and a member of a list holding <paramref name="listOf"/>;
    /// returns the titles they can now see.
    /// </summary>
    internal static async Task<HashSet<string>> ShowToMemberAsync(TestOrganization org, RegisterClient register, TestUser member,
        IReadOnlyList<string> participantIn, IReadOnlyList<string> listOf)
    {
        var ids = await register.IdsByTitleAsync(org.Admin);
        foreach (var title in participantIn)
            await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{ids[title]}/participants", new { userIds = new[] { member.Id } }), HttpStatusCode.Created);
        var listId = (await Http.ReadAsync<JsonElement>(await org.Admin.Client.PostAsJsonAsync("/api/v1/lists", new { name = "Seen " + Guid.NewGuid().ToString("N")[..6] }),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/lists/{listId}/members", new { userIds = new[] { member.Id } }), HttpStatusCode.OK);
        foreach (var title in listOf)
            await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{ids[title]}/lists", new { listId }), HttpStatusCode.Created);
        return [.. participantIn, .. listOf];
    }

    [Fact]
    public async Task A_member_sees_the_form_tasks_they_take_part_in_follow_or_reach_through_a_list_each_once_and_no_other()
    {
        var org = await app.CreateOrganizationAsync();
        var member = await org.AddMemberAsync("Member");
        var approver = await org.AddMemberAsync("Approver");
        var template = await Http.ReadAsync<JsonElement>(await org.Admin.Client.PostAsJsonAsync("/api/v1/forms", new
        {
            name = "Purchase",
            fields = new object[] { new { code = "city", type = "text", label = "City" } },
            route = new { steps = new object[] { new { approvers = new[] { approver.Id }, roles = Array.Empty<Guid>() } }, rules = Array.Empty<object>(), onReject = "close_rejected" },
        }), HttpStatusCode.Created);
        var register = new RegisterClient(template.GetProperty("id").GetGuid());
        var other = await RegisterClient.CreateFormAsync(org.Admin, new { code = "city", type = "text", label = "City" });

        await register.CreateTaskAsync(member, "Authored", new { city = "Oslo" });
        await register.CreateTaskAsync(org.Admin, "Responsible", new { city = "Oslo" }, assigneeId: member.Id);
        var followed = await register.CreateTaskAsync(org.Admin, "Followed", new { city = "Oslo" });
        var listed = await register.CreateTaskAsync(org.Admin, "Listed", new { city = "Oslo" });
        var both = await register.CreateTaskAsync(org.Admin, "Both", new { city = "Oslo" }, assigneeId: member.Id);
        var removed = await register.CreateTaskAsync(org.Admin, "Removed", new { city = "Oslo" });
        var nested = await register.CreateTaskAsync(org.Admin, "Nested", new { city = "Oslo" });
        await register.CreateTaskAsync(org.Admin, "Hidden", new { city = "Oslo" });
        await other.CreateTaskAsync(org.Admin, "Other form", new { city = "Oslo" }, assigneeId: member.Id);

        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{followed}/subscribers", new { userIds = new[] { member.Id } }), HttpStatusCode.Created);
        var listId = (await Http.ReadAsync<JsonElement>(await org.Admin.Client.PostAsJsonAsync("/api/v1/lists", new { name = "Purchases" }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/lists/{listId}/members", new { userIds = new[] { member.Id } }), HttpStatusCode.OK);
        foreach (var id in new[] { listed, both })
            await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{id}/lists", new { listId }), HttpStatusCode.Created);
        // Membership is inherited: a task in a list nested inside the member's list is theirs to see too.
        var subListId = (await Http.ReadAsync<JsonElement>(await org.Admin.Client.PostAsJsonAsync("/api/v1/lists", new { name = "Q3", parentId = listId }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{nested}/lists", new { listId = subListId }), HttpStatusCode.Created);
        await Http.EnsureStatusAsync(await org.Admin.Client.PostAsJsonAsync($"/api/v1/tasks/{removed}/participants", new { userIds = new[] { member.Id } }), HttpStatusCode.Created);
        await Http.EnsureStatusAsync(await org.Admin.Client.DeleteAsync($"/api/v1/tasks/{removed}/participants/{member.Id}"), HttpStatusCode.Created);

        string[] expected = ["Authored", "Both", "Followed", "Listed", "Nested", "Responsible"];
        Assert.Equal(expected, (await register.TitlesAsync(member, "limit=50")).Order(StringComparer.Ordinal));
        // Paging one by one: "Both" (taking part and listed) comes once, in order.
        Assert.Equal(await register.TitlesAsync(member, "limit=50"), await register.AllTitlesAsync(member, "sort=updated", 1));
        Assert.Equal(expected, await register.AllTitlesAsync(member, "sort=title", 2));
        Assert.Equal(expected, await register.AllTitlesAsync(member, "sort=title&f.city.contains=osl&status=open", 1));
        // The approver the route named joined every task at creation, with the form.
        Assert.Equal(8, (await register.TitlesAsync(approver, "limit=50")).Count);
        Assert.Equal(["Responsible"], await register.TitlesAsync(approver, "f.city=Oslo&sort=title&order=desc&limit=1"));
    }
}
