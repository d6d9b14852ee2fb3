using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Platform.Modules.Realtime.Stream;

/// <summary>Writes the text/event-stream wire format and flushes after every message.</summary>
internal sealed class SseWriter(HttpResponse response)
{
    public async Task EventAsync(long? id, string type, string json, CancellationToken ct)
    {
        // Payloads are compact JSON (no raw newlines), so one data line is enough.
        var idLine = id is { } value ? $"id: {value.ToString(CultureInfo.InvariantCulture)}\n" : string.Empty;
        await response.WriteAsync($"{idLine}event: {type}\ndata: {json}\n\n", ct);
        await response.Body.FlushAsync(ct);
    }

    public async Task CommentAsync(string text, CancellationToken ct)
    {
        await response.WriteAsync($": {text}\n\n", ct);
        await response.Body.FlushAsync(ct);
    }

    public async Task RetryAsync(int milliseconds, CancellationToken ct)
    {
        await response.WriteAsync($"retry: {milliseconds.ToString(CultureInfo.InvariantCulture)}\n\n", ct);
        await response.Body.FlushAsync(ct);
    }
}
