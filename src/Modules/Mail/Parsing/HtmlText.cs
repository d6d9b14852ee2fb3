using System.Text;
using MimeKit.Text;

namespace Platform.Modules.Mail.Parsing;

/// <summary>
/// HTML mail to plain text on MimeKit's HTML tokenizer: text is kept, block elements become line breaks, links keep
/// their address after the text, and nothing else survives — no markup, no script or style content, no images (a
/// remote image is never fetched nor kept).
/// </summary>
internal static class HtmlText
{
    private static readonly HashSet<HtmlTagId> Blocks =
    [
        HtmlTagId.P, HtmlTagId.Div, HtmlTagId.Br, HtmlTagId.LI, HtmlTagId.TR, HtmlTagId.H1, HtmlTagId.H2, HtmlTagId.H3,
        HtmlTagId.H4, HtmlTagId.H5, HtmlTagId.H6, HtmlTagId.BlockQuote, HtmlTagId.Pre, HtmlTagId.Table, HtmlTagId.UL,
        HtmlTagId.OL, HtmlTagId.HR, HtmlTagId.Address, HtmlTagId.Section, HtmlTagId.Article,
    ];

    private static readonly HashSet<HtmlTagId> Hidden = [HtmlTagId.Script, HtmlTagId.Style, HtmlTagId.Head, HtmlTagId.Title, HtmlTagId.NoScript];

    public static string Convert(string html, int maxLength)
    {
        var text = new StringBuilder(Math.Min(html.Length, maxLength));
        using var reader = new StringReader(html);
        var tokenizer = new HtmlTokenizer(reader);
        var hiddenDepth = 0;
        string? href = null;
        while (text.Length < maxLength && tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when Hidden.Contains(tag.Id):
                    if (!tag.IsEmptyElement)
                        hiddenDepth = Math.Max(0, hiddenDepth + (tag.IsEndTag ? -1 : 1));
                    break;
                case HtmlTagToken tag when tag.Id == HtmlTagId.A:
                    if (tag.IsEndTag && href is not null)
                    {
                        text.Append(" (").Append(href).Append(')');
                        href = null;
                    }
                    else if (!tag.IsEndTag)
                    {
                        var link = tag.Attributes.FirstOrDefault(a => a.Id == HtmlAttributeId.Href)?.Value;
                        href = link is not null && (link.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || link.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ? link : null;
                    }
                    break;
                case HtmlTagToken tag when Blocks.Contains(tag.Id):
                    if (text.Length > 0 && text[^1] != '\n')
                        text.Append('\n');
                    if (tag.Id == HtmlTagId.P && tag.IsEndTag)
                        text.Append('\n');
                    break;
                case HtmlDataToken data when hiddenDepth == 0 && token is not HtmlScriptDataToken:
                    AppendCollapsed(text, data.Data);
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>HTML whitespace collapses: runs of spaces and source line breaks become one space.</summary>
    private static void AppendCollapsed(StringBuilder text, string data)
    {
        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c) && c != '\u00A0')
            {
                if (text.Length > 0 && text[^1] is not (' ' or '\n'))
                    text.Append(' ');
            }
            else
                text.Append(c);
        }
    }
}
