using MailKit;
using MailKit.Net.Imap;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Platform.Modules.Mail.Data;
using Platform.Modules.Mail.Domain;
using Platform.Modules.Mail.Secrets;

namespace Platform.Modules.Mail.Reading;

/// <summary>
/// Reads one mailbox while this node holds its lease: connects, reads every message above the last UID it recorded,
/// then waits in IMAP IDLE (or polls, where the server has no IDLE) and reads again when mail arrives. Errors are
/// recorded on the integration (what failed, never a password) and retried with a growing pause.
/// </summary>
internal sealed partial class MailboxReader(IServiceScopeFactory scopes, MailSecrets secrets, IOptions<MailOptions> options, TimeProvider time, ILogger<MailboxReader> logger)
{
    private const int BatchSize = 50;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    public async Task RunAsync(Guid integrationId, string leaseHolder, CancellationToken ct)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ReadUntilCancelledAsync(integrationId, leaseHolder, ct);
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (LeaseLostException)
            {
                LogLeaseLost(integrationId);
                return;
            }
            catch (Exception e)
            {
                var (stage, message) = e is MailConnectException c ? (c.Stage, c.Message) : ("read", $"{e.GetType().Name}: {e.Message}");
                LogReadFailed(e, integrationId, stage, backoff);
                await RecordErrorAsync(integrationId, $"{stage}: {message}", ct);
                try
                {
                    await Task.Delay(backoff, time, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private async Task ReadUntilCancelledAsync(Guid integrationId, string leaseHolder, CancellationToken ct)
    {
        var settings = options.Value;
        MailIntegration integration;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MailDbContext>();
            integration = await db.Integrations.AsNoTracking().SingleOrDefaultAsync(i => i.Id == integrationId, ct)
                ?? throw new LeaseLostException(integrationId);
        }

        if (!integration.Enabled)
            return;
        using var client = await MailConnector.ConnectImapAsync(integration.Imap, secrets.Unprotect(integration.Imap.ProtectedPassword), settings.Timeout, ct);
        var idle = client.Capabilities.HasFlag(ImapCapabilities.Idle);
        var folder = await MailConnector.OpenFolderAsync(client, integration.Folder, FolderAccess.ReadWrite, ct);
        IMailFolder? processedFolder = null;
        if (integration.ProcessedAction == ProcessedActions.Move && integration.ProcessedFolder is { } target)
            processedFolder = await client.GetFolderAsync(target, ct);
        await RecordConnectedAsync(integrationId, idle, ct);
        LogReading(integrationId, integration.Folder, idle);

        while (!ct.IsCancellationRequested)
        {
            var read = await ReadNewAsync(integration, leaseHolder, folder, processedFolder, ct);
            if (read > 0)
                continue;
            if (idle)
            {
                using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
                done.CancelAfter(settings.IdleRefresh);
                void Arrived(object? sender, EventArgs e) => done.Cancel();
                folder.CountChanged += Arrived;
                try
                {
                    await client.IdleAsync(done.Token, ct);
                }
                finally
                {
                    folder.CountChanged -= Arrived;
                }
            }
            else
            {
                await Task.Delay(settings.PollInterval, time, ct);
                await client.NoOpAsync(ct);
            }
        }
    }

    /// <returns>How many messages were recorded.</returns>
    private async Task<int> ReadNewAsync(MailIntegration integration, string leaseHolder, IMailFolder folder, IMailFolder? processedFolder, CancellationToken ct)
    {
        var uidValidity = (long)folder.UidValidity;
        if (integration.UidValidity != uidValidity)
        {
            // A new UIDVALIDITY means the server renumbered the folder: every message is read again, and the
            // Message-ID check records those read before as duplicates instead of making tasks twice.
            if (integration.UidValidity is not null)
                LogUidValidityChanged(integration.Id, integration.UidValidity.Value, uidValidity);
            integration.UidValidity = uidValidity;
            integration.LastUid = 0;
        }

        if (folder.Count == 0)
            return 0;
        var from = new UniqueId(folder.UidValidity, (uint)Math.Min(integration.LastUid + 1, uint.MaxValue));
        // "n:*" always names the newest message, even when its UID is below n: filter on the UID.
        var summaries = (await folder.FetchAsync(new UniqueIdRange(from, UniqueId.MaxValue), MessageSummaryItems.UniqueId | MessageSummaryItems.Size, ct))
            .Where(s => s.UniqueId.Id > integration.LastUid)
            .OrderBy(s => s.UniqueId.Id)
            .Take(BatchSize)
            .ToList();
        var settings = options.Value;
        foreach (var summary in summaries)
        {
            var fetched = await FetchAsync(folder, summary, uidValidity, settings, ct);
            string status;
            await using (var scope = scopes.CreateAsyncScope())
                status = await scope.ServiceProvider.GetRequiredService<InboundProcessor>().ProcessAsync(integration, leaseHolder, fetched, ct);
            if (status is InboundStatuses.Delivered or InboundStatuses.Duplicate)
                await MarkProcessedAsync(integration, folder, processedFolder, summary.UniqueId, ct);
        }

        return summaries.Count;
    }

    private static async Task<FetchedMessage> FetchAsync(IMailFolder folder, IMessageSummary summary, long uidValidity, MailOptions settings, CancellationToken ct)
    {
        var size = (long?)summary.Size ?? 0;
        if (size > settings.MaxMessageBytes)
            return new FetchedMessage(uidValidity, summary.UniqueId.Id, size, null,
                $"The message is {size / (1024 * 1024.0):0.#} MB, over the limit of {settings.MaxMessageBytes / (1024 * 1024.0):0.#} MB: it was not downloaded and stays in the mailbox.");
        try
        {
            await using var stream = await folder.GetStreamAsync(summary.UniqueId, ct);
            var parser = new ParserOptions { MaxMimeDepth = settings.MaxMimeDepth };
            var message = await MimeMessage.LoadAsync(parser, stream, ct);
            return new FetchedMessage(uidValidity, summary.UniqueId.Id, size, message, null);
        }
        catch (Exception e) when (e is FormatException or ParseException)
        {
            return new FetchedMessage(uidValidity, summary.UniqueId.Id, size, null, $"The message cannot be parsed ({e.Message}); it stays in the mailbox.");
        }
        catch (MessageNotFoundException)
        {
            return new FetchedMessage(uidValidity, summary.UniqueId.Id, size, null, "The message was deleted from the mailbox before it could be read.");
        }
    }

    /// <summary>After the commit: a failure here leaves a message marked late or not at all, never read twice.</summary>
    private async Task MarkProcessedAsync(MailIntegration integration, IMailFolder folder, IMailFolder? processedFolder, UniqueId uid, CancellationToken ct)
    {
        try
        {
            if (processedFolder is not null)
                await folder.MoveToAsync(uid, processedFolder, ct);
            else
                await folder.AddFlagsAsync(uid, MessageFlags.Seen, silent: true, ct);
        }
        catch (Exception e) when (e is ImapCommandException or MessageNotFoundException)
        {
            LogMarkFailed(e, integration.Id, uid.Id);
        }
    }

    private async Task RecordConnectedAsync(Guid integrationId, bool idle, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailDbContext>();
        var now = time.GetUtcNow();
        await db.Integrations.Where(i => i.Id == integrationId).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.IdleSupported, idle).SetProperty(i => i.LastCheckedAt, now).SetProperty(i => i.LastError, (string?)null), ct);
    }

    private async Task RecordErrorAsync(Guid integrationId, string error, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MailDbContext>();
            var now = time.GetUtcNow();
            var text = error.Length > InboundMessage.MaxReasonLength ? error[..InboundMessage.MaxReasonLength] : error;
            await db.Integrations.Where(i => i.Id == integrationId).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.LastError, text).SetProperty(i => i.LastErrorAt, now), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRecordFailed(e, integrationId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading mailbox integration {IntegrationId}, folder {Folder} (IDLE: {Idle})")]
    private partial void LogReading(Guid integrationId, string folder, bool idle);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox integration {IntegrationId} failed at {Stage}; retrying in {Backoff}")]
    private partial void LogReadFailed(Exception e, Guid integrationId, string stage, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox integration {IntegrationId}: the lease went to another node; this node stops reading it")]
    private partial void LogLeaseLost(Guid integrationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox integration {IntegrationId}: UIDVALIDITY changed from {Old} to {New}; the folder is read again, known Message-IDs are recorded as duplicates")]
    private partial void LogUidValidityChanged(Guid integrationId, long old, long @new);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox integration {IntegrationId}: message UID {Uid} was recorded but could not be marked as processed")]
    private partial void LogMarkFailed(Exception e, Guid integrationId, uint uid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox integration {IntegrationId}: the error could not be recorded")]
    private partial void LogRecordFailed(Exception e, Guid integrationId);
}
