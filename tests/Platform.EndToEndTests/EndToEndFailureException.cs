namespace Platform.EndToEndTests;

/// <summary>A failed end-to-end step, with what is needed to diagnose it in CI (host output, screenshots).</summary>
public sealed class EndToEndFailureException : Exception
{
    public EndToEndFailureException()
    {
    }

    public EndToEndFailureException(string message)
        : base(message)
    {
    }

    public EndToEndFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
