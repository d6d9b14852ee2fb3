namespace Platform.BuildingBlocks.Modularity;

/// <summary>
/// The roles a node can take. Each covers one or more of the seed's (Pyrus Datacenter) services;
/// the README's role table is the authoritative map.
/// </summary>
public static class PlatformRoles
{
    /// <summary>web-api, identity-server, bind (real-time push), the browser client.</summary>
    public const string Web = "web";
    /// <summary>files: upload and download.</summary>
    public const string Files = "files";
    /// <summary>async-worker, preview-generator, notification-service.</summary>
    public const string Workers = "workers";
    /// <summary>mail-sender and mail-reader.</summary>
    public const string Mail = "mail";
    /// <summary>scheduler: recurring jobs.</summary>
    public const string Scheduler = "scheduler";
    /// <summary>gateway: the reverse proxy in front of a cluster (the seed's nginx).</summary>
    public const string Gateway = "gateway";

    /// <summary>Shorthand for every role a single-host installation runs.</summary>
    public const string All = "all";

    public static IReadOnlyList<string> Known { get; } = [Web, Files, Workers, Mail, Scheduler, Gateway];

    /// <summary>
    /// What <c>all</c> means: everything but the gateway. A single node has nothing to proxy to,
    /// so the gateway is only ever started on purpose.
    /// </summary>
    public static IReadOnlyList<string> AllInOne { get; } = [Web, Files, Workers, Mail, Scheduler];
}
