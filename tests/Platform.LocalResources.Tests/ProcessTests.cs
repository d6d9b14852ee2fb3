namespace Platform.LocalResources.Tests;

public sealed class ProcessTests
{
    [Fact]
    public async Task ProcessRunner_captures_output_and_throws_with_stderr_on_failure()
    {
        var ok = await ProcessRunner.RunAsync("sh", ["-c", "echo hello"]);
        Assert.Equal("hello", ok.StandardOutput.Trim());

        var failure = await Assert.ThrowsAsync<ProcessFailedException>(() => ProcessRunner.RunAsync("sh", ["-c", "echo broken >&2; exit 3"]));
        Assert.Contains("broken", failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, failure.Result!.ExitCode);
    }

    [Fact]
    public async Task ProcessRunner_times_out()
    {
        var options = new ProcessRunOptions { Timeout = TimeSpan.FromMilliseconds(300) };
        await Assert.ThrowsAsync<TimeoutException>(() => ProcessRunner.RunAsync("sleep", ["10"], options));
    }

    [Fact]
    public async Task ManagedProcess_forwards_lines_and_stops_gracefully_on_SIGTERM()
    {
        var lines = new List<string>();
        await using var child = new ManagedProcess(new ManagedProcessOptions
        {
            FileName = "sh",
            Arguments = ["-c", "trap 'echo bye; exit 0' TERM; echo ready; while true; do sleep 0.1; done"],
            OnOutputLine = (line, _) => { lock (lines) { lines.Add(line); } },
        });
        child.Start();
        await WaitUntilAsync(() => { lock (lines) { return lines.Contains("ready"); } });

        await child.StopAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(0, child.ExitCode);
        Assert.Contains("bye", child.RecentOutput);
    }

    [Fact]
    public async Task ManagedProcess_is_killed_when_it_ignores_SIGTERM()
    {
        await using var child = new ManagedProcess(new ManagedProcessOptions
        {
            FileName = "sh",
            Arguments = ["-c", "trap '' TERM; echo ready; while true; do sleep 0.1; done"],
        });
        child.Start();
        await WaitUntilAsync(() => child.RecentOutput.Contains("ready"));

        await child.StopAsync(TimeSpan.FromMilliseconds(500));

        Assert.True(child.HasExited);
        Assert.NotEqual(0, child.ExitCode);
    }

    [Fact]
    public async Task WaitForHttpOk_fails_fast_with_output_when_the_process_dies()
    {
        await using var child = new ManagedProcess(new ManagedProcessOptions { FileName = "sh", Arguments = ["-c", "echo cannot bind; exit 1"] });
        child.Start();
        var url = new Uri($"http://127.0.0.1:{PortAllocator.GetFreeTcpPort()}/health/ready");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => child.WaitForHttpOkAsync(url, TimeSpan.FromSeconds(30), CancellationToken.None));

        Assert.Contains("cannot bind", error.Message, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }
}
