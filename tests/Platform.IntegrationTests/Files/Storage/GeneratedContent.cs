using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Platform.IntegrationTests.Files.Storage;

/// <summary>
/// Pseudo-random bytes of a given length, produced on the fly (xorshift64*, so the same seed always gives the same
/// bytes, whatever the read sizes): large uploads without holding them in memory. Like a request body it cannot
/// seek and does not tell its length. It can fail or cancel a token after a number of bytes, to stand for a client
/// that disconnects or a size limit that trips in the middle of an upload.
/// </summary>
internal sealed class GeneratedContent(long length, ulong seed) : Stream
{
    private ulong _state = seed | 1;
    private ulong _word;
    private int _wordBytesLeft;
    private long _produced;

    /// <summary>Throw an <see cref="IOException"/> once this many bytes have been produced.</summary>
    public long? FailAfter { get; init; }

    /// <summary>Cancel this source once <see cref="CancelAfterBytes"/> bytes have been produced (the next read sees it).</summary>
    public CancellationTokenSource? CancelSource { get; init; }

    public long CancelAfterBytes { get; init; }

    public long Produced => _produced;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The SHA-256 of the bytes a stream with this length and seed produces, computed by producing them again.</summary>
    public static byte[] Sha256(long length, ulong seed)
    {
        using var again = new GeneratedContent(length, seed);
        return SHA256.HashData(again);
    }

    /// <summary>All the bytes, for small contents whose slices a test compares.</summary>
    public static byte[] Bytes(int length, ulong seed)
    {
        var bytes = new byte[length];
        using var stream = new GeneratedContent(length, seed);
        stream.ReadExactly(bytes);
        return bytes;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (FailAfter is { } failAfter && _produced >= failAfter)
            throw new IOException("The client went away in the middle of the upload.");
        if (CancelSource is { } cancel && _produced >= CancelAfterBytes)
            cancel.Cancel();

        var end = Math.Min(length, FailAfter ?? long.MaxValue);
        if (CancelSource is { IsCancellationRequested: false })
            end = Math.Min(end, CancelAfterBytes);
        var count = (int)Math.Min(buffer.Length, end - _produced);
        var i = 0;
        while (i < count)
        {
            if (_wordBytesLeft == 0)
            {
                _state ^= _state >> 12;
                _state ^= _state << 25;
                _state ^= _state >> 27;
                _word = _state * 0x2545F4914F6CDD1DUL;
                _wordBytesLeft = 8;
                if (count - i >= 8)
                {
                    // The same bytes as the loop below gives, low byte first, eight at a time.
                    BinaryPrimitives.WriteUInt64LittleEndian(buffer[i..], _word);
                    _wordBytesLeft = 0;
                    i += 8;
                    continue;
                }
            }

            buffer[i++] = (byte)_word;
            _word >>= 8;
            _wordBytesLeft--;
        }

        _produced += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (CancelSource is { } cancel && _produced >= CancelAfterBytes)
            cancel.Cancel();
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
