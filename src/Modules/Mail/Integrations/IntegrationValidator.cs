using MimeKit;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Identity.Contracts;
using Platform.Modules.Mail.Contracts;
using Platform.Modules.Mail.Domain;
using Platform.Modules.Mail.Secrets;

namespace Platform.Modules.Mail.Integrations;

/// <summary>Checks an integration request field by field and applies it; passwords are protected on the way in.</summary>
internal sealed class IntegrationValidator(IUserDirectory directory, MailSecrets secrets)
{
    private const int MaxHostLength = 253;
    private const int MaxUserLength = 320;
    private const int MaxPasswordLength = 1000;
    private const int MaxFolderLength = 200;

    /// <summary>Validates <paramref name="request"/> and, when it is valid, writes it into <paramref name="target"/>.</summary>
    public async Task<FieldErrors> ApplyAsync(Guid organizationId, IntegrationRequest request, MailIntegration target, bool creating, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("name", request.Name, MailIntegration.MaxNameLength);
        var imap = Account(errors, "imap", request.Imap, target.Imap, requirePassword: true, defaultPort: 993);
        MailAccount? smtp = null;
        if (request.Smtp is not null)
            smtp = Account(errors, "smtp", request.Smtp, target.Smtp, requirePassword: false, defaultPort: 587);
        var folder = string.IsNullOrWhiteSpace(request.Folder) ? "INBOX" : request.Folder.Trim();
        if (folder.Length > MaxFolderLength)
            errors.Add("folder", $"must be at most {MaxFolderLength} characters.");
        var action = request.ProcessedAction ?? ProcessedActions.MarkSeen;
        if (!ProcessedActions.All.Contains(action))
            errors.Add("processedAction", $"must be one of: {string.Join(", ", ProcessedActions.All)}.");
        else if (action == ProcessedActions.Move && string.IsNullOrWhiteSpace(request.ProcessedFolder))
            errors.Add("processedFolder", "is required when processedAction is \"move\".");
        else if (request.ProcessedFolder?.Length > MaxFolderLength)
            errors.Add("processedFolder", $"must be at most {MaxFolderLength} characters.");
        if (string.IsNullOrWhiteSpace(request.Address) || !MailboxAddress.TryParse(request.Address, out var address)
            || address.Address.Length > 320 || !address.Address.Contains('@') || address.Address.Contains('+'))
            errors.Add("address", "must be the mailbox's e-mail address (support@example.com), without a +tag: replies are sent to address+tag.");
        var policy = request.SenderPolicy ?? MailSenderPolicies.Members;
        if (!MailSenderPolicies.IsKnown(policy))
            errors.Add("senderPolicy", $"must be \"{MailSenderPolicies.Members}\" or \"{MailSenderPolicies.Anyone}\".");

        var participants = request.ParticipantIds?.Distinct().ToList() ?? [];
        if (request.ResponsibleId is not { } responsibleId)
            errors.Add("responsibleId", "is required: new tasks from this mailbox are assigned to this member.");
        else if (await directory.FindAsync(organizationId, responsibleId, ct) is not { IsBlocked: false, IsBot: false })
            errors.Add("responsibleId", "is not an active member of your organisation.");
        if (participants.Count > MailIntegration.MaxParticipants)
            errors.Add("participantIds", $"give at most {MailIntegration.MaxParticipants} members.");
        else if (participants.Count > 0 && (await directory.FindManyAsync(organizationId, participants, ct)).Count != participants.Count)
            errors.Add("participantIds", "every participant must be a member of your organisation.");
        if (errors.Any)
            return errors;

        target.Name = request.Name!.Trim();
        target.Enabled = request.Enabled ?? (creating || target.Enabled);
        target.Imap = imap!;
        target.Smtp = smtp;
        if (!string.Equals(target.Folder, folder, StringComparison.Ordinal) && !creating)
        {
            // Another folder has other UIDs: start reading it from its beginning (Message-IDs keep out duplicates).
            target.UidValidity = null;
            target.LastUid = 0;
        }

        target.Folder = folder;
        target.ProcessedAction = action;
        target.ProcessedFolder = action == ProcessedActions.Move ? request.ProcessedFolder!.Trim() : null;
        target.Address = MailboxAddress.Parse(request.Address!).Address;
        target.ListId = request.ListId;
        target.ResponsibleId = request.ResponsibleId!.Value;
        target.ParticipantIds = participants;
        target.SenderPolicy = policy;
        return errors;
    }

    private MailAccount? Account(FieldErrors errors, string field, MailAccountRequest? request, MailAccount? stored, bool requirePassword, int defaultPort)
    {
        if (request is null)
        {
            errors.Add(field, "is required.");
            return null;
        }

        var before = errors.Count;
        errors.Required($"{field}.host", request.Host, MaxHostLength);
        if (request.Host is { } host && (host.Any(char.IsWhiteSpace) || host.Contains('/')))
            errors.Add($"{field}.host", "must be a host name or an IP address.");
        var port = request.Port ?? defaultPort;
        if (port is < 1 or > 65535)
            errors.Add($"{field}.port", "must be between 1 and 65535.");
        var security = request.Security ?? MailSecurity.Tls;
        if (!MailSecurity.All.Contains(security))
            errors.Add($"{field}.security", $"must be one of: {string.Join(", ", MailSecurity.All)}.");
        if (requirePassword)
            errors.Required($"{field}.user", request.User, MaxUserLength);
        else
            errors.Optional($"{field}.user", request.User, MaxUserLength);
        var keep = string.IsNullOrEmpty(request.Password) && stored is not null
            && string.Equals(stored.Host, request.Host?.Trim(), StringComparison.OrdinalIgnoreCase) && stored.User == request.User;
        if (request.Password?.Length > MaxPasswordLength)
            errors.Add($"{field}.password", $"must be at most {MaxPasswordLength} characters.");
        else if (requirePassword && string.IsNullOrEmpty(request.Password) && !keep)
            errors.Add($"{field}.password", "is required (a stored password is kept only while host and user stay the same).");
        if (errors.Count > before)
            return null;

        return new MailAccount
        {
            Host = request.Host!.Trim(),
            Port = port,
            Security = security,
            User = request.User?.Trim() ?? string.Empty,
            ProtectedPassword = !string.IsNullOrEmpty(request.Password) ? secrets.Protect(request.Password)
                : keep ? stored!.ProtectedPassword : string.Empty,
        };
    }
}
