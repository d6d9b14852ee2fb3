using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Platform.LocalResources;
using Platform.Modules.Files.Previews;

namespace Platform.IntegrationTests.Files.Previews;

/// <summary>
/// Converters get no network: a document that points at an internal address (a LibreOffice link, an external entity)
/// cannot make the server open a connection there. Shown with a tool that tries exactly that, under the same wrapper
/// the converters run in; the office and PDF preview tests run their real converters isolated too (the default).
/// </summary>
[Collection(PreviewTestGroup.Name)]
[SupportedOSPlatform("linux")]
public sealed class ConverterIsolationTests : IDisposable
{
    private readonly PreviewSandbox _sandbox = new();

    private async Task<BoundedProcessOutcome> ConnectAsync(int port, bool isolate, string unshare = "unshare")
    {
        var work = Directory.CreateDirectory(_sandbox.NewWorkDirectory()).FullName;
        return await BoundedProcess.RunAsync(new BoundedProcessStart
        {
            Tool = "bash",
            // bash's /dev/tcp: connect, say so. Anything a converter could do to reach the network starts with this.
            Arguments = ["-c", $"exec 3<>/dev/tcp/127.0.0.1/{port} && echo connected"],
            WorkingDirectory = work,
            Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" },
            Timeout = TimeSpan.FromSeconds(20),
            MemoryLimitBytes = 1L << 30,
            FileSizeLimitBytes = 1L << 20,
            IsolateNetwork = isolate,
            Unshare = unshare,
        }, CancellationToken.None);
    }

    [Fact]
    public async Task An_isolated_converter_cannot_connect_to_a_listening_server_that_the_same_tool_reaches_otherwise()
    {
        var port = PortAllocator.GetFreeTcpPort();
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();

        var isolated = await ConnectAsync(port, isolate: true);
        Assert.NotEqual(0, isolated.ExitCode);
        Assert.DoesNotContain("connected", isolated.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("unreachable", isolated.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.False(listener.Pending(), "the isolated tool's connection reached the server");

        // The control: the same command, not isolated, does connect. So the refusal above is the namespace's doing.
        var open = await ConnectAsync(port, isolate: false);
        Assert.True(open.Succeeded, open.StandardError);
        Assert.Contains("connected", open.StandardOutput, StringComparison.Ordinal);
        Assert.True(listener.Pending());
    }

    [Fact]
    public void A_server_that_cannot_isolate_converters_says_how_to_fix_it_instead_of_blaming_the_file()
    {
        // What util-linux's unshare prints where unprivileged user namespaces are off (sysctl, seccomp, RestrictNamespaces).
        var refused = new BoundedProcessOutcome(1, TimedOut: false, "", "unshare: unshare failed: Operation not permitted\n", TimeSpan.Zero);
        var failure = Assert.Throws<ConverterUnavailableException>(() =>
            ConversionFailure.Describe(refused, "The document could not be converted", new Platform.Modules.Files.PreviewOptions(), _sandbox.Root));
        Assert.Contains("IsolateNetwork=false", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Operation not permitted", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _sandbox.Dispose();
}
