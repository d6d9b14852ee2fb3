using Platform.AppHost.Hosting;

namespace Platform.AppHost.Terminal;

/// <summary>For logs and CI: one line per state change, and every resource output line prefixed with its name.</summary>
internal sealed class PlainStatusView(DistributedApplication app) : StatusView(app)
{
    private static readonly Lock ConsoleLock = new();

    /// <summary>Load figures change every heartbeat: in a log they are printed at most this often.</summary>
    private static readonly TimeSpan LoadInterval = TimeSpan.FromSeconds(30);

    public override Action<string, string>? EchoLine => (name, line) => Write($"{name,-10}| {line}");

    public override async Task<int> RunAsync(Func<Task<int>> body)
    {
        var shownRows = new Dictionary<string, string>();
        var shownNotes = 0;
        var loadShownAt = DateTime.MinValue;
        var work = body();
        while (true)
        {
            var finished = work.IsCompleted;
            foreach (var resource in App.Resources)
            {
                var row = Row(resource);
                if (!shownRows.TryGetValue(resource.Name, out var shown) || shown != row)
                {
                    shownRows[resource.Name] = row;
                    Write($"[apphost] {row.Replace('\t', ' ').TrimEnd()}");
                }
            }

            var notes = App.Notes;
            for (; shownNotes < notes.Count; shownNotes++)
            {
                Write($"[apphost] {notes[shownNotes]}");
            }

            if (DateTime.UtcNow - loadShownAt > LoadInterval && App.Resources.Where(r => r.Load is not null).ToList() is { Count: > 0 } loaded)
            {
                loadShownAt = DateTime.UtcNow;
                Write($"[apphost] load: {string.Join(" | ", loaded.Select(r => $"{r.Name} {r.Load}"))}");
            }

            if (finished)
            {
                return await work;
            }

            await Task.WhenAny(work, Task.Delay(PollInterval));
        }
    }

    private static void Write(string line)
    {
        lock (ConsoleLock)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }
}
