namespace Platform.LocalResources;

/// <summary>A program the local resources need is not installed; the message says how to install it.</summary>
public sealed class PrerequisiteMissingException : Exception
{
    public PrerequisiteMissingException()
    {
    }

    public PrerequisiteMissingException(string message)
        : base(message)
    {
    }

    public PrerequisiteMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PrerequisiteMissingException(string message, string installCommand)
        : base($"{message} Install it with: {installCommand}")
    {
        InstallCommand = installCommand;
    }

    /// <summary>The shell command that installs the missing program (run as root).</summary>
    public string? InstallCommand { get; }
}
