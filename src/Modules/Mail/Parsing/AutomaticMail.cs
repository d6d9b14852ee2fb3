using MimeKit;

namespace Platform.Modules.Mail.Parsing;

/// <summary>
/// Mail no person wrote: auto-replies ("out of office"), bounces and delivery reports, list and bulk mail. The reader
/// records it as ignored and never turns it into a task nor answers it, so two auto-responders cannot loop through a
/// task (RFC 3834 Auto-Submitted; the de-facto X-Autoreply/X-Autorespond and Precedence; RFC 3464 reports; RFC 2369 lists).
/// </summary>
internal static class AutomaticMail
{
    private static readonly string[] AutoReplyHeaders = ["X-Autoreply", "X-Autorespond"];

    /// <returns>Why the message is automatic, or null when a person wrote it.</returns>
    public static string? Reason(MimeMessage message)
    {
        var headers = message.Headers;
        var autoSubmitted = headers[HeaderId.AutoSubmitted]?.Trim();
        if (!string.IsNullOrEmpty(autoSubmitted) && !autoSubmitted.StartsWith("no", StringComparison.OrdinalIgnoreCase))
            return $"Auto-Submitted: {autoSubmitted}";
        foreach (var name in AutoReplyHeaders)
            if (headers.Contains(name))
                return $"{name} header (an auto-reply)";
        var precedence = headers[HeaderId.Precedence]?.Trim().ToLowerInvariant();
        if (precedence is "bulk" or "list" or "junk" or "auto_reply")
            return $"Precedence: {precedence}";
        if (headers.Contains(HeaderId.ListId) || headers.Contains("List-Unsubscribe"))
            return "a mailing-list message (List-Id/List-Unsubscribe)";
        if (message.Body is MultipartReport report)
            return $"a delivery or read report (multipart/report; report-type={report.ReportType})";
        var returnPath = headers[HeaderId.ReturnPath]?.Trim();
        if (returnPath is "<>")
            return "a bounce (empty Return-Path)";
        var from = message.From.Mailboxes.FirstOrDefault()?.Address;
        if (from is not null && (from.StartsWith("mailer-daemon@", StringComparison.OrdinalIgnoreCase)
            || from.StartsWith("postmaster@", StringComparison.OrdinalIgnoreCase)))
            return $"a bounce (from {from})";
        return null;
    }
}
