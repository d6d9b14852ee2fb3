using Platform.Modules.Mail.Domain;

namespace Platform.Modules.Mail.Integrations;

/// <summary>An IMAP or SMTP account as an admin gives it. A password left out on an update keeps the stored one.</summary>
internal sealed record MailAccountRequest(string? Host, int? Port, string? Security, string? User, string? Password);

internal sealed record IntegrationRequest(
    string? Name,
    bool? Enabled,
    MailAccountRequest? Imap,
    string? Folder,
    string? ProcessedAction,
    string? ProcessedFolder,
    string? Address,
    MailAccountRequest? Smtp,
    Guid? ListId,
    Guid? ResponsibleId,
    IReadOnlyList<Guid>? ParticipantIds,
    string? SenderPolicy);

internal sealed record MailAccountResponse(string Host, int Port, string Security, string User, bool HasPassword)
{
    public static MailAccountResponse? From(MailAccount? account) =>
        account is null ? null : new(account.Host, account.Port, account.Security, account.User, !string.IsNullOrEmpty(account.ProtectedPassword));
}

/// <summary>An integration as the API shows it: never a password, only whether one is stored.</summary>
internal sealed record IntegrationResponse(
    Guid Id,
    string Name,
    bool Enabled,
    MailAccountResponse Imap,
    string Folder,
    string ProcessedAction,
    string? ProcessedFolder,
    string Address,
    MailAccountResponse? Smtp,
    Guid? ListId,
    Guid ResponsibleId,
    IReadOnlyList<Guid> ParticipantIds,
    string SenderPolicy,
    IntegrationReaderState Reader,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static IntegrationResponse From(MailIntegration i) => new(
        i.Id, i.Name, i.Enabled, MailAccountResponse.From(i.Imap)!, i.Folder, i.ProcessedAction, i.ProcessedFolder, i.Address,
        MailAccountResponse.From(i.Smtp), i.ListId, i.ResponsibleId, i.ParticipantIds, i.SenderPolicy,
        new IntegrationReaderState(i.LeaseHolder is not null && i.LeaseUntil > DateTimeOffset.UtcNow ? i.LeaseHolder : null,
            i.LastCheckedAt, i.IdleSupported, i.LastError, i.LastErrorAt, i.LastUid),
        i.CreatedAt, i.UpdatedAt);
}

/// <summary>Which node reads the mailbox now, when it last looked, whether it waits in IDLE, and the last error.</summary>
internal sealed record IntegrationReaderState(string? Node, DateTimeOffset? LastCheckedAt, bool? IdleSupported, string? LastError, DateTimeOffset? LastErrorAt, long LastUid);

internal sealed record ConnectionTestResponse(bool Ok, string? FailedStage, string Detail, bool? IdleSupported, int? MessageCount);

internal sealed record InboundMessageResponse(
    Guid Id, long Uid, string? MessageId, string? Sender, string? Subject, long Size, string Status, string? Reason, Guid? TaskId,
    DateTimeOffset ReceivedAt, DateTimeOffset? HandledAt)
{
    public static InboundMessageResponse From(InboundMessage m) =>
        new(m.Id, m.Uid, m.MessageId, m.FromAddress, m.Subject, m.Size, m.Status, m.Reason, m.TaskId, m.ReceivedAt, m.HandledAt);
}

internal sealed record InboundMessageListResponse(IReadOnlyList<InboundMessageResponse> Items, string? NextCursor);
