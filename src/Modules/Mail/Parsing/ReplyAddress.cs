using System.Globalization;
using MimeKit;

namespace Platform.Modules.Mail.Parsing;

/// <summary>
/// The per-task reply address: the mailbox's own address with <c>+t&lt;task id&gt;</c> after its local part
/// (<c>support+t0190…@example.com</c>). Most servers deliver plus-addresses to the mailbox itself, so a reply whose
/// client dropped In-Reply-To and References still finds its task. The task id is not a secret: Tasks still decides
/// whether the sender may write to that task.
/// </summary>
internal static class ReplyAddress
{
    private const string Tag = "+t";
    private static readonly string[] DeliveryHeaders = ["Delivered-To", "X-Original-To"];

    public static string For(string mailboxAddress, Guid taskId)
    {
        var at = mailboxAddress.LastIndexOf('@');
        return string.Concat(mailboxAddress.AsSpan(0, at), Tag, taskId.ToString("N", CultureInfo.InvariantCulture), mailboxAddress.AsSpan(at));
    }

    /// <summary>The task named by a plus-address among the message's recipients, if any.</summary>
    public static Guid? Find(MimeMessage message)
    {
        var addresses = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Select(m => m.Address)
            .Concat(DeliveryHeaders.Select(h => message.Headers[h]).OfType<string>());
        foreach (var address in addresses)
        {
            var at = address.LastIndexOf('@');
            var local = at < 0 ? address : address[..at];
            var tag = local.LastIndexOf(Tag, StringComparison.OrdinalIgnoreCase);
            if (tag >= 0 && Guid.TryParseExact(local[(tag + Tag.Length)..].Trim(), "N", out var taskId))
                return taskId;
        }

        return null;
    }
}
