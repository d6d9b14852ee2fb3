using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.IntegrationTests.Catalogs;
using Platform.IntegrationTests.Identity;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tasks;

/// <summary>Form values and templates checked against real data: people are members, catalog items and roles exist.</summary>
public sealed class FormValueReferenceTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    private static object Template(Guid catalogId) => new
    {
        name = "Business trip",
        fields = new object[]
        {
            new { code = "traveller", type = "person", label = "Traveller" },
            new { code = "city", type = "catalog", label = "City", catalogId },
            new
            {
                code = "legs", type = "table", label = "Legs",
                columns = new object[] { new { code = "to", type = "catalog", label = "To", catalogId }, new { code = "host", type = "person", label = "Host" } },
            },
            new { code = "note", type = "text", label = "Note" },
        },
    };

    [Fact]
    public async Task Person_and_catalog_values_must_exist_when_a_form_task_is_created_or_changed()
    {
        var org = await app.CreateOrganizationAsync();
        var colleague = await org.AddMemberAsync();
        var cities = await CatalogApi.CreateAsync(org.Admin.Client, "Cities", ["Code", "Name"], ["PAR", "Paris"], ["BER", "Berlin"]);
        var templateId = (await Http.ReadAsync<JsonElement>(await org.Admin.Client.PostAsJsonAsync("/api/v1/forms", Template(cities.Id)), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var outsider = (await app.CreateOrganizationAsync()).Admin;

        var refused = await Http.ProblemAsync(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new
        {
            form = new
            {
                templateId,
                values = new
                {
                    traveller = outsider.Id.ToString(),
                    city = "MAD",
                    legs = new object[] { new { to = "BER", host = colleague.Id.ToString() }, new { to = "ROM", host = Guid.NewGuid().ToString() } },
                },
            },
        }), HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(refused, "fields.traveller"));
        Assert.NotEmpty(Http.FieldErrors(refused, "fields.city"));
        Assert.NotEmpty(Http.FieldErrors(refused, "fields.legs[1].to"));
        Assert.NotEmpty(Http.FieldErrors(refused, "fields.legs[1].host"));
        Assert.Empty(Http.FieldErrors(refused, "fields.legs[0].to"));
        Assert.Empty(Http.FieldErrors(refused, "fields.legs[0].host"));

        // Keys are compared after trimming, like the catalog does.
        var task = await Http.ReadAsync<JsonElement>(await org.Admin.Client.PostAsJsonAsync("/api/v1/tasks", new
        {
            form = new { templateId, values = new { traveller = colleague.Id.ToString(), city = " PAR ", legs = new object[] { new { to = "BER" } } } },
        }), HttpStatusCode.Created);
        var taskId = task.GetProperty("id").GetGuid();

        var badChange = await Http.ProblemAsync(await org.Admin.Client.PatchAsJsonAsync($"/api/v1/tasks/{taskId}/form", new { values = new { city = "LON" } }), HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(badChange, "fields.city"));

        // The catalog loses Paris: editing another field still works (only changed values are checked).
        await Http.EnsureStatusAsync(await CatalogApi.SyncAsync(org.Admin.Client, cities.Id, ["Code", "Name"], [["BER", "Berlin"], ["LON", "London"]]), HttpStatusCode.OK);
        await Http.EnsureStatusAsync(await org.Admin.Client.PatchAsJsonAsync($"/api/v1/tasks/{taskId}/form", new { values = new { note = "Economy class" } }), HttpStatusCode.Created);
        await Http.EnsureStatusAsync(await org.Admin.Client.PatchAsJsonAsync($"/api/v1/tasks/{taskId}/form", new { values = new { city = "LON" } }), HttpStatusCode.Created);
        var stored = await Http.ReadAsync<JsonElement>(await org.Admin.Client.GetAsync($"/api/v1/tasks/{taskId}"), HttpStatusCode.OK);
        Assert.Equal("LON", stored.GetProperty("form").GetProperty("values").GetProperty("city").GetString());
    }

    [Fact]
    public async Task A_template_naming_a_catalog_or_a_role_that_does_not_exist_is_rejected_with_field_errors()
    {
        var org = await app.CreateOrganizationAsync();
        var other = await app.CreateOrganizationAsync();
        var foreignCatalog = await CatalogApi.CreateAsync(other.Admin.Client, "Theirs", ["Code"], ["X"]);
        var role = await org.Admin.CreateRoleAsync("Approvers");

        var refused = await Http.ProblemAsync(await org.Admin.Client.PostAsJsonAsync("/api/v1/forms", new
        {
            name = "Broken",
            fields = new object[]
            {
                new { code = "city", type = "catalog", label = "City", catalogId = foreignCatalog.Id },
                new { code = "legs", type = "table", label = "Legs", columns = new object[] { new { code = "to", type = "catalog", label = "To", catalogId = Guid.NewGuid() } } },
            },
            route = new { steps = new object[] { new { approvers = Array.Empty<Guid>(), roles = new[] { role.Id, Guid.NewGuid() } } } },
        }), HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(refused, "fields[0].catalogId"));
        Assert.NotEmpty(Http.FieldErrors(refused, "fields[1].columns[0].catalogId"));
        var roleErrors = Http.FieldErrors(refused, "route.steps[0].roles");
        Assert.Single(roleErrors);
        Assert.DoesNotContain(role.Id.ToString(), roleErrors[0], StringComparison.Ordinal);

        // The same template with the organisation's own catalog and role is accepted, also as a new version.
        var cities = await CatalogApi.CreateAsync(org.Admin.Client, "Cities", ["Code"], ["PAR"]);
        var ok = new
        {
            name = "Fixed",
            fields = new object[] { new { code = "city", type = "catalog", label = "City", catalogId = cities.Id } },
            route = new { steps = new object[] { new { approvers = Array.Empty<Guid>(), roles = new[] { role.Id } } } },
        };
        var created = await Http.ReadAsync<JsonElement>(await org.Admin.Client.PostAsJsonAsync("/api/v1/forms", ok), HttpStatusCode.Created);
        var update = await Http.ProblemAsync(await org.Admin.Client.PutAsJsonAsync($"/api/v1/forms/{created.GetProperty("id").GetGuid()}", new
        {
            name = "Fixed",
            fields = new object[] { new { code = "city", type = "catalog", label = "City", catalogId = foreignCatalog.Id } },
        }), HttpStatusCode.BadRequest);
        Assert.NotEmpty(Http.FieldErrors(update, "fields[0].catalogId"));
    }
}
