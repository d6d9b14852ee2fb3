using System.Security.Cryptography;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Platform.LocalResources;

namespace Platform.AppHost.Resources;

/// <summary>
/// A development mail system so that mail-to-task can be tried at once: Dovecot (IMAP) and aiosmtpd (SMTP delivering
/// into Dovecot's Maildirs), both from Debian, on loopback, with one mailbox <c>tasks</c> (its password is made on the
/// first run and kept in the data folder). Connect it as a mail integration, then write to tasks@platform.test through
/// the SMTP port; see docs/mail.md.
/// </summary>
internal static class MailResources
{
    public const string MailboxUser = "tasks";

    public sealed record DevMail(MailServer Server, string Password, IResourceBuilder<ExecutableResource> Imap, IResourceBuilder<ExecutableResource> Smtp);

    public static DevMail AddDevMail(this IDistributedApplicationBuilder builder, DataLayout layout, int imapPort, int smtpPort)
    {
        var server = new MailServer(layout.DataPath("mail"), imapPort, smtpPort, Path.Combine(layout.Root, "tools", "mail"));
        Directory.CreateDirectory(server.DataDirectory);
        var passwordFile = Path.Combine(server.DataDirectory, "tasks.password");
        if (!File.Exists(passwordFile))
            File.WriteAllText(passwordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant());
        var password = File.ReadAllText(passwordFile).Trim();
        // Before DCP starts anything: the configuration, the passwd-file and the mailbox folder.
        server.PrepareAsync(CancellationToken.None).GetAwaiter().GetResult();
        server.AddUserAsync(MailboxUser, password, CancellationToken.None).GetAwaiter().GetResult();

        var imap = Add(builder, "imap", server.DovecotCommand, imapPort, "imap");
        var smtp = Add(builder, "smtp", server.SmtpCommand, smtpPort, "smtp");
        return new DevMail(server, password, imap, smtp);
    }

    private static IResourceBuilder<ExecutableResource> Add(IDistributedApplicationBuilder builder, string name, MailServerCommand command, int port, string scheme)
    {
        var check = $"{name}-accepts";
        builder.Services.AddHealthChecks().AddAsyncCheck(check, ct => TcpHealthCheck.ProbeAsync(port, ct));
        var resource = builder.AddExecutable(name, command.FileName, command.WorkingDirectory, [.. command.Arguments])
            .WithEndpoint(port: port, targetPort: port, scheme: scheme, name: scheme, isProxied: false)
            .WithHealthCheck(check);
        foreach (var (key, value) in command.Environment)
            resource.WithEnvironment(key, value);
        return resource;
    }
}
