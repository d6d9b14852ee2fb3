using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;

namespace RealtimeLoad;

/// <summary>Every (task, stream) delivery: when the task was created (server clock) and when a stream got it.</summary>
internal sealed class Receipts
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _created = new();
    private readonly ConcurrentBag<(Guid Task, DateTimeOffset At)> _received = [];

    /// <summary>Deliveries of measured tasks (warm-up tasks are never registered with <see cref="Created"/>).</summary>
    public int Count => _received.Count(r => _created.ContainsKey(r.Task));

    public void Created(Guid taskId, DateTimeOffset at) => _created[taskId] = at;

    public void Received(Guid taskId) => _received.Add((taskId, DateTimeOffset.UtcNow));

    /// <summary>Milliseconds from creation to receipt, sorted; an event whose POST answer came after it is matched too.</summary>
    public List<double> Latencies()
    {
        var list = _received.Where(r => _created.ContainsKey(r.Task))
            .Select(r => (r.At - _created[r.Task]).TotalMilliseconds).ToList();
        list.Sort();
        return list;
    }
}

internal static class EventStream
{
    /// <summary>Holds one SSE stream until cancelled, recording every task.created it carries.</summary>
    public static async Task ReadAsync(HttpClient http, Member member, Receipts receipts, Action opened, CancellationToken ct)
    {
        var signalled = false;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", member.Token);
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            string? type = null;
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (!signalled && line.StartsWith("retry:", StringComparison.Ordinal))
                {
                    // The node subscribes this stream before it writes the retry line: from here on nothing is missed.
                    signalled = true;
                    opened();
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                    type = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && type == "task.created")
                    receipts.Received(JsonDocument.Parse(line[6..]).RootElement.GetProperty("taskId").GetGuid());
                else if (line.Length == 0)
                    type = null;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            if (!signalled)
            {
                Console.Error.WriteLine("a stream failed to open");
                opened();
            }
        }
    }
}
