using System.Runtime.InteropServices;

namespace Platform.AppHost.Terminal;

/// <summary>Ctrl+C, SIGTERM and SIGHUP (terminal closed) become one cancellation: stop everything, then exit 0.</summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignal() =>
        _registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }
            .Select(signal => PosixSignalRegistration.Create(signal, OnSignal))];

    public CancellationToken Token => _cts.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cts.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Keep the process alive: the AppHost exits on its own once its children are stopped.
        context.Cancel = true;
        _cts.Cancel();
    }
}
