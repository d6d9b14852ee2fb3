namespace Platform.AppHost.Hosting;

/// <summary>
/// A resource's output: always written to its log file; also echoed to the console as "name | line" when the
/// status view is plain (a live table and scrolling output cannot share one terminal).
/// </summary>
public sealed class ResourceLog : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly string _name;
    private readonly Action<string, string>? _echo;
    private bool _disposed;

    public ResourceLog(string path, string name, Action<string, string>? echo)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        if (File.Exists(path))
        {
            File.Move(path, System.IO.Path.ChangeExtension(path, ".previous.log"), overwrite: true);
        }

        Path = path;
        _name = name;
        _echo = echo;
        _writer = new StreamWriter(path, append: false) { AutoFlush = true };
    }

    public string Path { get; }

    public void Write(string line)
    {
        lock (_writer)
        {
            if (_disposed)
            {
                return;
            }

            _writer.WriteLine(line);
        }

        _echo?.Invoke(_name, line);
    }

    public void Dispose()
    {
        lock (_writer)
        {
            _disposed = true;
            _writer.Dispose();
        }
    }
}
