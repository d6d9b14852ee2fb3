namespace Platform.LocalResources;

/// <summary>Where Debian's Patroni (package patroni) and etcd (package etcd-server) live.</summary>
public static class PatroniBinaries
{
    public const string Patroni = "/usr/bin/patroni";
    public const string Etcd = "/usr/bin/etcd";

    /// <summary>What to run, as root, on a fresh Debian 12 machine (policy-rc.d keeps apt from starting the system services).</summary>
    public const string InstallCommand =
        "printf '#!/bin/sh\\nexit 101\\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && " +
        "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends patroni etcd-server";

    public static bool IsInstalled => File.Exists(Patroni) && File.Exists(Etcd);

    /// <summary>Throws a <see cref="PrerequisiteMissingException"/> naming the apt command when either is missing.</summary>
    public static void EnsureInstalled()
    {
        if (!IsInstalled)
        {
            throw new PrerequisiteMissingException(
                $"Patroni ({Patroni}) and etcd ({Etcd}) are needed for a PostgreSQL high-availability cluster.", InstallCommand);
        }
    }
}
