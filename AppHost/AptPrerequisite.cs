using Platform.LocalResources;

namespace Platform.AppHost;

/// <summary>
/// A Debian package a topology needs (postgresql-15; rabbitmq-server and nats-server for a cluster): installed with
/// apt when missing and we are root, otherwise the command is printed. /usr/sbin/policy-rc.d (exit 101) keeps apt
/// from starting the package's system service: the AppHost runs private servers in the data folder instead.
/// </summary>
internal sealed class AptPrerequisite(string description, string package, Func<bool> isInstalled)
{
    private string Description => description;
    private string Package => package;
    private bool IsInstalled => isInstalled();

    private const string PolicyFile = "/usr/sbin/policy-rc.d";

    public static AptPrerequisite Postgres { get; } = new("PostgreSQL 15", "postgresql-15", () => PostgresBinaries.TryLocate() is not null);
    public static AptPrerequisite RabbitMq { get; } = new("RabbitMQ", "rabbitmq-server", () => RabbitMqBinaries.TryLocate() is not null);
    public static AptPrerequisite Dovecot { get; } = new("Dovecot (IMAP)", "dovecot-imapd", () => File.Exists("/usr/sbin/dovecot"));
    public static AptPrerequisite Aiosmtpd { get; } = new("aiosmtpd (SMTP)", "python3-aiosmtpd", () => Directory.Exists("/usr/lib/python3/dist-packages/aiosmtpd"));
    public static AptPrerequisite Nats { get; } = new("NATS", "nats-server", () => File.Exists("/usr/sbin/nats-server") || File.Exists("/usr/bin/nats-server"));

    /// <summary>Installs what is missing of <paramref name="prerequisites"/> (one apt run); false when something still is.</summary>
    public static async Task<bool> EnsureInstalledAsync(IReadOnlyList<AptPrerequisite> prerequisites)
    {
        var missing = prerequisites.Where(p => !p.IsInstalled).ToList();
        if (missing.Count == 0)
        {
            return true;
        }

        var packages = missing.Select(p => p.Package).ToList();
        var names = string.Join(", ", missing.Select(p => p.Description));
        if (!Environment.IsPrivilegedProcess)
        {
            await Console.Error.WriteLineAsync(
                $"{names} not installed. As root, run:{Environment.NewLine}" +
                $"  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y {string.Join(' ', packages)}" +
                $"{Environment.NewLine}(or: sudo bash scripts/prereqs.sh)");
            return false;
        }

        Console.WriteLine($"[apphost] {names} missing: installing {string.Join(' ', packages)} with apt (once per machine)...");
        if (!File.Exists(PolicyFile))
        {
            await File.WriteAllTextAsync(PolicyFile, "#!/bin/sh\nexit 101\n");
            File.SetUnixFileMode(PolicyFile, (UnixFileMode)0b111_101_101);
        }

        var options = new ProcessRunOptions
        {
            Environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" },
            Timeout = TimeSpan.FromMinutes(15),
            OnOutputLine = line => Console.WriteLine($"apt | {line}"),
        };
        await ProcessRunner.RunAsync("apt-get", ["update"], options);
        await ProcessRunner.RunAsync("apt-get", ["install", "-y", "--no-install-recommends", .. packages], options);
        return missing.All(p => p.IsInstalled);
    }
}
