using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Database;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Hosting;

public sealed class NodeTests(PlatformApp app) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task Ready_checks_PostgreSQL_and_the_bus_and_node_info_names_roles_and_modules()
    {
        var client = app.CreateClient();
        var ready = await Http.ReadAsync<JsonElement>(await client.GetAsync("/health/ready"), HttpStatusCode.OK);
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        var checks = ready.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("postgresql").GetProperty("status").GetString());
        Assert.True(checks.TryGetProperty("masstransit-bus", out _));

        await Http.EnsureStatusAsync(await client.GetAsync("/health/live"), HttpStatusCode.OK);

        var node = await client.GetFromJsonAsync<JsonElement>("/health/node");
        Assert.Equal(["files", "mail", "scheduler", "web", "workers"], node.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Order());
        Assert.Equal(["catalogs", "files", "forms", "identity", "mail", "realtime", "tasks"], node.GetProperty("modules").EnumerateArray().Select(r => r.GetString()).Order());
    }

    [Fact]
    public async Task Unknown_api_paths_are_404_problems_not_the_browser_app()
    {
        var org = await app.CreateOrganizationAsync();
        await Http.ProblemAsync(await org.Admin.Client.GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound);
        await Http.ProblemAsync(await org.Admin.Client.GetAsync($"/api/v1/tasks/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        // A real endpoint with the wrong content type says so, instead of pretending not to exist.
        var wrongType = await org.Admin.Client.PostAsync("/api/v1/tasks", new StringContent("title=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        var problem = await Http.ProblemAsync(wrongType, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrations_started_by_several_nodes_at_once_all_succeed_and_apply_once()
    {
        var server = await TestPostgres.GetAsync();
        var database = "it_migrate_" + Guid.NewGuid().ToString("N")[..8];
        await server.EnsureDatabaseAsync(database, CancellationToken.None);
        try
        {
            // Four "nodes" (separate service providers, separate connections) race on a fresh database.
            var nodes = Enumerable.Range(0, 4).Select(_ => app.WithWebHostBuilder(b =>
                    b.UseSetting("ConnectionStrings:Platform", server.ConnectionString(database))))
                .ToList();
            await Task.WhenAll(nodes.Select(n => n.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None)));

            await using var connection = new Npgsql.NpgsqlConnection(server.ConnectionString(database));
            await connection.OpenAsync();
            foreach (var schema in new[] { "platform", "identity", "tasks", "realtime", "mail" })
            {
                await using var command = new Npgsql.NpgsqlCommand($"SELECT count(*) FROM \"{schema}\".__ef_migrations_history", connection);
                Assert.True((long)(await command.ExecuteScalarAsync())! >= 1, $"schema {schema} was not migrated");
            }
            foreach (var node in nodes)
                await node.DisposeAsync();
        }
        finally
        {
            await server.DropDatabaseAsync(database);
        }
    }
}
