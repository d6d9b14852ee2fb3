using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Platform.Modules.Tasks.Text;

/// <summary>
/// Markdown → HTML that is safe to put into a page: raw HTML in the source is escaped (not
/// rendered), and links or images may only use http, https or mailto — a <c>javascript:</c> URL
/// becomes an inert "#".
/// </summary>
internal static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .UsePipeTables()
        .UseTaskLists()
        .Build();

    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    public static string ToHtml(string markdown)
    {
        if (string.IsNullOrEmpty(markdown))
            return string.Empty;
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsAllowed(link.Url))
                link.Url = "#";
        }
        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!IsAllowed(link.Url))
                link.Url = "#";
        }
        return document.ToHtml(Pipeline);
    }

    private static bool IsAllowed(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
            return true;
        var trimmed = url.Trim();
        // Relative links (no scheme) stay within the application.
        if (!trimmed.Contains(':', StringComparison.Ordinal))
            return true;
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && AllowedSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase);
    }
}
