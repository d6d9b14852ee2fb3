using System.Text;

namespace Platform.Modules.Files.Previews;

/// <summary>
/// Keeps the first and the last half of what a process prints. Tools state the cause of a failure either first or
/// last (libvips prints thousands of warnings before its one error), and what comes between must not cost memory.
/// </summary>
internal sealed class HeadTailBuffer(int capacity)
{
    private readonly Lock _gate = new();
    private readonly byte[] _head = new byte[capacity / 2];
    private readonly byte[] _tail = new byte[capacity - (capacity / 2)];
    private int _headLength;
    private long _tailWritten;

    public async Task DrainAsync(Stream stream)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
                Append(buffer.AsSpan(0, read));
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The pipe was closed under us: what was kept is all there is.
        }
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            var toHead = Math.Min(data.Length, _head.Length - _headLength);
            data[..toHead].CopyTo(_head.AsSpan(_headLength));
            _headLength += toHead;
            data = data[toHead..];
            if (data.Length > _tail.Length)
            {
                _tailWritten += data.Length - _tail.Length;
                data = data[^_tail.Length..];
            }

            while (!data.IsEmpty)
            {
                var at = (int)(_tailWritten % _tail.Length);
                var chunk = Math.Min(data.Length, _tail.Length - at);
                data[..chunk].CopyTo(_tail.AsSpan(at));
                _tailWritten += chunk;
                data = data[chunk..];
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            var head = Encoding.UTF8.GetString(_head, 0, _headLength);
            if (_tailWritten == 0)
                return head;
            var kept = (int)Math.Min(_tailWritten, _tail.Length);
            var start = (int)((_tailWritten - kept) % _tail.Length);
            var ordered = new byte[kept];
            var first = Math.Min(kept, _tail.Length - start);
            _tail.AsSpan(start, first).CopyTo(ordered);
            _tail.AsSpan(0, kept - first).CopyTo(ordered.AsSpan(first));
            var gap = _tailWritten > _tail.Length ? "\n…\n" : "";
            return head + gap + Encoding.UTF8.GetString(ordered);
        }
    }
}
