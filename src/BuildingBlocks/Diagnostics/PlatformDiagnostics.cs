using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.BuildingBlocks.Diagnostics;

/// <summary>
/// The project's own ActivitySource and Meter. ServiceDefaults subscribes to this name (and to
/// <c>Platform.*</c>), so spans and instruments created here reach OTLP and <c>/metrics</c>
/// without further wiring.
/// </summary>
public static class PlatformDiagnostics
{
    public const string Name = "Platform";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);
}
