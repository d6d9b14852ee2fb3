using Platform.LocalResources;

namespace Platform.AppHost.Hosting;

/// <summary>
/// A Debian package a topology needs (postgresql-15; rabbitmq-server for a cluster): installed with apt when missing
/// and we are root, otherwise the command is printed. /usr/sbin/policy-rc.d (exit 101) keeps apt from starting the
/// package's system service: the AppHost runs private servers in .data instead.
/// </summary>
internal sealed class AptPrerequisite(string description, string package, Func<bool> isInstalled, string installCommand)
{
    private const string PolicyFile = "/usr/sbin/policy-rc.d";

    public static AptPrerequisite Postgres { get; } = new("PostgreSQL 15", "postgresql-15",
        () => PostgresBinaries.TryLocate() is not null, PostgresBinaries.InstallCommand);

    public static AptPrerequisite RabbitMq { get; } = new("RabbitMQ", "rabbitmq-server",
        () => RabbitMqBinaries.TryLocate() is not null, RabbitMqBinaries.InstallCommand);

    public async Task<bool> EnsureInstalledAsync()
    {
        if (isInstalled())
        {
            return true;
        }

        if (!Environment.IsPrivilegedProcess)
        {
            await Console.Error.WriteLineAsync(
                $"{description} is not installed. As root, run:{Environment.NewLine}  {installCommand}" +
                $"{Environment.NewLine}(or: sudo bash scripts/prereqs.sh)");
            return false;
        }

        Console.WriteLine($"{description} is missing: installing {package} with apt (once per machine)...");
        if (OperatingSystem.IsLinux() && !File.Exists(PolicyFile))
        {
            await File.WriteAllTextAsync(PolicyFile, "#!/bin/sh\nexit 101\n");
            File.SetUnixFileMode(PolicyFile, (UnixFileMode)0b111_101_101);
        }

        var options = new ProcessRunOptions
        {
            Environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" },
            Timeout = TimeSpan.FromMinutes(15),
            OnOutputLine = line => Console.WriteLine($"apt       | {line}"),
        };
        await ProcessRunner.RunAsync("apt-get", ["update"], options);
        await ProcessRunner.RunAsync("apt-get", ["install", "-y", package], options);
        return isInstalled();
    }
}
