using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.AppHost;
using Platform.AppHost.Resources;
using Platform.AppHost.Topologies;

// A .NET Aspire AppHost: declare the resources of a topology, then run them under DCP, with the dashboard.
// `single` (the default) is PostgreSQL + one all-roles node; `cluster` adds RabbitMQ, NATS, role nodes and a gateway.
AppHostOptions options;
try
{
    options = AppHostOptions.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(AppHostOptions.Usage);
    return 0;
}

AptPrerequisite[] prerequisites = options.Topology == "cluster"
    ? [AptPrerequisite.Postgres, AptPrerequisite.RabbitMq, AptPrerequisite.Nats, AptPrerequisite.Dovecot, AptPrerequisite.Aiosmtpd]
    : [AptPrerequisite.Postgres, AptPrerequisite.Dovecot, AptPrerequisite.Aiosmtpd];
if (!await AptPrerequisite.EnsureInstalledAsync(prerequisites))
{
    return 1;
}

DashboardEndpoints.Apply(options.DashboardPort);
var layout = DataLayout.Find(options.DataDirectory);
// A fresh token per launch: it opens first-run setup only while no organisation exists, and only for this run.
var setupToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLower(CultureInfo.InvariantCulture);

// Our flags are ours: Aspire would otherwise read them as configuration keys.
var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = [] });
// The resource service logs every dashboard gRPC call at Information, and DCP its start-up internals: both drowned the
// [apphost] lines people need. In code, not appsettings.json: that is read from the current folder, which is the
// caller's (the tests run the dll from a temp folder).
builder.Services.AddLogging(logging => logging
    .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
    .AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning));
builder.Services.AddHostedService<ResourceProgress>();
var platform = options.Topology == "cluster"
    ? ClusterTopology.Compose(builder, options, layout, setupToken)
    : SingleNodeTopology.Compose(builder, options, layout, setupToken);
// Independent of the nodes: a mail node's reader retries until the mailbox answers.
var mail = builder.AddDevMail(layout, options.ImapPort, options.SmtpPort);
Announcement.Register(builder, platform, setupToken, mail);

await using var app = builder.Build();
await app.RunAsync();
return 0;
