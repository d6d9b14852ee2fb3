using Platform.AppHost.Hosting;
using Spectre.Console;

namespace Platform.AppHost.Terminal;

/// <summary>A table redrawn in place, and only when something in it changed (no flicker).</summary>
internal sealed class LiveStatusView(DistributedApplication app) : StatusView(app)
{
    public override async Task<int> RunAsync(Func<Task<int>> body)
    {
        var exitCode = 0;
        await AnsiConsole.Live(Render()).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).StartAsync(async ctx =>
        {
            var shown = Snapshot();
            var work = body();
            while (true)
            {
                var finished = work.IsCompleted;
                var current = Snapshot();
                if (current != shown)
                {
                    shown = current;
                    ctx.UpdateTarget(Render());
                }

                if (finished)
                {
                    exitCode = await work;
                    return;
                }

                await Task.WhenAny(work, Task.Delay(PollInterval));
            }
        });
        return exitCode;
    }

    private string Snapshot() => string.Join('\n', App.Resources.Select(r => $"{Row(r)}\t{r.Load}").Concat(App.Notes));

    private Rows Render()
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Platform AppHost[/]");
        foreach (var column in new[] { "Resource", "Kind", "State", "PID", "Endpoint", "Health" })
        {
            table.AddColumn(new TableColumn(column).NoWrap());
        }

        // Load (from the node registry) appears once some resource reports it: a cluster's nodes.
        var showLoad = App.Resources.Any(r => r.Load is not null);
        if (showLoad)
        {
            table.AddColumn(new TableColumn("Load").NoWrap());
        }

        table.AddColumn("Details");

        foreach (var r in App.Resources)
        {
            string[] cells =
            [
                Markup.Escape(r.Name), Markup.Escape(r.Kind), $"[{StateColor(r.State)}]{r.State}[/]",
                r.Pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", Markup.Escape(r.Endpoint ?? "-"),
                r.Health == "healthy" ? "[green]healthy[/]" : r.Health == "unhealthy" ? "[red]unhealthy[/]" : "-",
            ];
            table.AddRow([.. cells, .. showLoad ? [Markup.Escape(r.Load ?? "-")] : Array.Empty<string>(), Markup.Escape(r.Detail)]);
        }

        return new Rows([table, .. App.Notes.Select(note => new Markup(Markup.Escape(note)))]);
    }

    private static string StateColor(ResourceState state) => state switch
    {
        ResourceState.Running => "green",
        ResourceState.Completed => "blue",
        ResourceState.Failed => "red",
        ResourceState.Starting or ResourceState.Stopping => "yellow",
        _ => "grey",
    };
}
