namespace Platform.LocalResources;

/// <summary>A command exited with a non-zero code; the message carries its stderr (or stdout).</summary>
public sealed class ProcessFailedException : Exception
{
    public ProcessFailedException()
    {
    }

    public ProcessFailedException(string message)
        : base(message)
    {
    }

    public ProcessFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProcessFailedException(string command, ProcessResult result)
        : base(BuildMessage(command, result))
    {
        Result = result;
    }

    public ProcessResult? Result { get; }

    private static string BuildMessage(string command, ProcessResult result)
    {
        var output = (string.IsNullOrWhiteSpace(result.StandardError) ? result.StandardOutput : result.StandardError).TrimEnd();
        if (output.Length > 8000)
        {
            output = output[^8000..];
        }

        return $"'{command}' exited with code {result.ExitCode}.{Environment.NewLine}{output}";
    }
}
