using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Platform.Modules.Mail.Data;
using Platform.Modules.Mail.Domain;
using Platform.Modules.Mail.Parsing;
using Platform.Modules.Mail.Reading;
using Platform.Modules.Mail.Secrets;

namespace Platform.Modules.Mail.Sending;

/// <summary>
/// The mail-sender of a <c>mail</c> node: takes one due message at a time with <c>FOR UPDATE SKIP LOCKED</c> (so any
/// number of mail nodes share the queue and none sends a message another is sending), sends it through the
/// integration's SMTP account or the system one, and records the answer in the same transaction. A temporary failure
/// (4xx, a dropped connection) is retried after RetryDelay × 2^(attempts-1), at most an hour; a permanent one (5xx) or
/// the <see cref="OutgoingMessage.MaxAttempts"/>th failure dead-letters it with the server's answer. A crash between
/// the server's "250" and the commit sends the message again with the same Message-ID (at least once, never lost).
/// </summary>
internal sealed partial class OutgoingSender(
    IServiceScopeFactory scopes, MailSecrets secrets, MailSignal signal, IOptions<MailOptions> options, IOptions<SystemSmtpOptions> system,
    TimeProvider time, ILogger<OutgoingSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendNextAsync(stoppingToken))
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogQueueFailed(e);
            }

            try
            {
                await signal.WaitAsync(options.Value.SendInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <returns>Whether a message was taken (there may be more).</returns>
    private async Task<bool> SendNextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var message = await db.OutgoingMessages.FromSqlInterpolated($"""
                SELECT * FROM mail.outgoing_messages
                WHERE status = 'pending' AND next_attempt_at <= now()
                ORDER BY next_attempt_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """).SingleOrDefaultAsync(ct);
        if (message is null)
            return false;
        var integration = message.IntegrationId is { } id ? await db.Integrations.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) : null;
        var now = time.GetUtcNow();
        message.Attempts++;
        try
        {
            await SendAsync(message, integration, ct);
            message.Status = OutgoingStatuses.Sent;
            message.SentAt = now;
            message.LastError = null;
            LogSent(message.Id, message.To.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var permanent = e is SmtpCommandException { StatusCode: >= (SmtpStatusCode)500 } || e is NoSmtpAccountException
                || e is MailConnectException { Stage: ConnectStages.Login or ConnectStages.Dns };
            var answer = e switch
            {
                SmtpCommandException smtp => $"{(int)smtp.StatusCode} {smtp.Message}",
                MailConnectException connect => $"{connect.Stage}: {connect.Message}",
                _ => $"{e.GetType().Name}: {e.Message}",
            };
            message.LastError = answer.Length > InboundMessage.MaxReasonLength ? answer[..InboundMessage.MaxReasonLength] : answer;
            if (permanent || message.Attempts >= OutgoingMessage.MaxAttempts)
            {
                message.Status = OutgoingStatuses.Dead;
                LogDead(e, message.Id, message.Attempts);
            }
            else
            {
                var delay = TimeSpan.FromTicks(Math.Min(options.Value.RetryDelay.Ticks << Math.Min(message.Attempts - 1, 20), TimeSpan.FromHours(1).Ticks));
                message.NextAttemptAt = now + delay;
                LogRetry(e, message.Id, message.Attempts, delay);
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }

    private async Task SendAsync(OutgoingMessage outgoing, MailIntegration? integration, CancellationToken ct)
    {
        var settings = options.Value;
        var (account, password, from) = Account(integration);
        var mime = new MimeMessage { Subject = outgoing.Subject, MessageId = outgoing.MessageId, Date = outgoing.CreatedAt };
        mime.From.Add(new MailboxAddress(outgoing.FromName ?? string.Empty, string.IsNullOrEmpty(outgoing.FromAddress) ? from : outgoing.FromAddress));
        if (integration is not null && outgoing.TaskId is { } taskId)
            mime.ReplyTo.Add(new MailboxAddress(outgoing.FromName ?? string.Empty, ReplyAddress.For(integration.Address, taskId)));
        foreach (var to in outgoing.To)
            mime.To.Add(new MailboxAddress(to.Name ?? string.Empty, to.Address));
        if (outgoing.InReplyTo is { } inReplyTo)
            mime.InReplyTo = inReplyTo;
        if (outgoing.References is { } references)
            foreach (var reference in references.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                mime.References.Add(reference.Trim('<', '>'));
        // What we send is never answered automatically by well-behaved responders (RFC 3834), which keeps loops out.
        mime.Headers.Add(HeaderId.AutoSubmitted, "auto-generated");
        mime.Body = new TextPart("plain") { Text = outgoing.Text };

        using var client = await MailConnector.ConnectSmtpAsync(account, password, settings.Timeout, ct);
        await client.SendAsync(mime, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    private (MailAccount Account, string? Password, string From) Account(MailIntegration? integration)
    {
        if (integration?.Smtp is { } smtp)
            return (smtp, string.IsNullOrEmpty(smtp.ProtectedPassword) ? null : secrets.Unprotect(smtp.ProtectedPassword), integration.Address);
        var configured = system.Value;
        if (!configured.IsConfigured)
            throw new NoSmtpAccountException();
        return (new MailAccount { Host = configured.Host!, Port = configured.Port, Security = configured.Security, User = configured.User ?? string.Empty },
            configured.Password, configured.From ?? integration?.Address ?? string.Empty);
    }

    private sealed class NoSmtpAccountException()
        : Exception("Neither the mailbox integration has an SMTP account nor is a system one configured (Platform:Mail:Smtp).");

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent outgoing message {MessageId} to {Recipients} recipient(s)")]
    private partial void LogSent(Guid messageId, int recipients);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outgoing message {MessageId} failed (attempt {Attempts}); retrying in {Delay}")]
    private partial void LogRetry(Exception e, Guid messageId, int attempts, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outgoing message {MessageId} dead-lettered after {Attempts} attempt(s)")]
    private partial void LogDead(Exception e, Guid messageId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outgoing queue could not be read; retrying")]
    private partial void LogQueueFailed(Exception e);
}
