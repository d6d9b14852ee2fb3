using System.Diagnostics;
using Platform.BuildingBlocks.Modularity;

namespace Platform.ArchitectureTests;

/// <summary>
/// deploy/ is what operators copy onto role-tagged machines: its systemd units must be valid, and its example
/// instances must name real roles and together cover every role, so that following the examples gives a complete
/// installation.
/// </summary>
public sealed class DeploymentFilesTests
{
    private static readonly string Deploy = Path.Combine(RepositoryRoot(), "deploy");

    private static IEnumerable<(string Instance, Dictionary<string, string> Settings)> Instances() =>
        Directory.GetFiles(Path.Combine(Deploy, "env"), "*.env.example")
            .Where(f => Path.GetFileName(f) != "platform.env.example")
            .Select(f => (Path.GetFileName(f)[..^".env.example".Length], ReadEnvironmentFile(f)));

    [Fact]
    public async Task The_systemd_units_pass_systemd_analyze_verify_for_every_example_instance()
    {
        var folder = Directory.CreateTempSubdirectory("platform-units-");
        try
        {
            foreach (var unit in Directory.GetFiles(Path.Combine(Deploy, "systemd"), "*.service"))
                File.Copy(unit, Path.Combine(folder.FullName, Path.GetFileName(unit)));
            var instances = Instances().Select(i => $"platform-node@{i.Instance}.service").ToList();
            Assert.NotEmpty(instances);
            foreach (var instance in instances)
                File.CreateSymbolicLink(Path.Combine(folder.FullName, instance), "platform-node@.service");

            var start = new ProcessStartInfo("systemd-analyze") { WorkingDirectory = folder.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var unit in instances.Append("platform-migrate.service"))
                start.ArgumentList.Add(Path.Combine(".", unit));
            start.ArgumentList.Insert(0, "verify");
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            var said = (await output + await errors).Trim();
            // Any line is a finding: unknown keys, bad values and missing executables are only warnings to systemd.
            Assert.True(process.ExitCode == 0 && said.Length == 0, $"systemd-analyze verify (exit {process.ExitCode}):{Environment.NewLine}{said}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_example_instances_name_known_roles_and_together_run_every_role_with_the_gateway_alone()
    {
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var nodeIds = new List<string>();
        foreach (var (instance, settings) in Instances())
        {
            Assert.True(settings.TryGetValue("Platform__Roles", out var value), $"{instance}: no Platform__Roles");
            var roles = NodeRoles.Parse(value); // throws on an unknown role
            Assert.True(!roles.Has(PlatformRoles.Gateway) || roles.Roles.Count == 1, $"{instance}: the gateway runs alone");
            covered.UnionWith(roles.Roles);
            Assert.True(settings.TryGetValue("Platform__NodeId", out var nodeId), $"{instance}: no Platform__NodeId");
            nodeIds.Add(nodeId);
            Assert.True(settings.ContainsKey("ASPNETCORE_URLS"), $"{instance}: no ASPNETCORE_URLS");
        }
        Assert.Equal(PlatformRoles.Known.Order(StringComparer.Ordinal), covered.Order(StringComparer.Ordinal));
        Assert.Equal(nodeIds.Count, nodeIds.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_shared_settings_give_every_node_the_database_the_bus_and_one_file_store_and_no_real_secret()
    {
        var shared = ReadEnvironmentFile(Path.Combine(Deploy, "env", "platform.env.example"));
        Assert.Contains("ConnectionStrings__Platform", shared.Keys);
        Assert.Contains("ConnectionStrings__RabbitMq", shared.Keys);
        Assert.Equal("false", shared["Platform__Database__MigrateOnStart"]);
        Assert.Equal("s3", shared["Platform__Files__Backend"]);
        var secrets = shared.Where(s => s.Key.EndsWith("SecretKey", StringComparison.Ordinal) || s.Value.Contains("Password=", StringComparison.Ordinal));
        Assert.All(secrets, s => Assert.Contains("CHANGE-ME", s.Value, StringComparison.Ordinal));
    }

    /// <summary>systemd's EnvironmentFile format as these examples use it: KEY=VALUE lines, # comments.</summary>
    private static Dictionary<string, string> ReadEnvironmentFile(string path) =>
        File.ReadAllLines(path)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }
}
