using System.Security.Cryptography;

namespace Platform.Modules.Files.Upload;

/// <summary>Which limit an upload ran into.</summary>
internal enum UploadLimit
{
    FileSize,
    Quota,
}

internal sealed class UploadLimitExceededException(UploadLimit limit, long allowedBytes)
    : IOException($"The upload exceeded the {(limit == UploadLimit.FileSize ? "file size limit" : "storage quota")} ({allowedBytes} bytes).")
{
    public UploadLimit Limit { get; } = limit;
    public long AllowedBytes { get; } = allowedBytes;
}

/// <summary>Reading the client's body failed (cut short, malformed multipart, Kestrel's own limit): the client's fault, not the store's.</summary>
internal sealed class UploadBodyException(Exception inner) : IOException(inner.Message, inner);

/// <summary>
/// Reads an upload once, forward only, while computing its SHA-256 and MD5 and counting its bytes, so the hashes
/// cost no second pass over a 2 GB file. Throws <see cref="UploadLimitExceededException"/> as soon as the count passes
/// either limit: the store sees the exception mid-copy and keeps nothing.
/// </summary>
internal sealed class HashingReadStream(Stream inner, long maxBytes, long quotaRemaining) : Stream
{
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private bool _completed;

    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    /// <summary>The hashes, lower-case hex; only once the stream was read to its end.</summary>
    public (string Sha256, string Md5) GetHashes()
    {
        if (!_completed)
            throw new InvalidOperationException("The upload was not read to its end.");
        return (Convert.ToHexStringLower(_sha256.GetHashAndReset()), Convert.ToHexStringLower(_md5.GetHashAndReset()));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = inner.Read(buffer);
        }
        catch (Exception ex) when (IsBodyFailure(ex))
        {
            throw new UploadBodyException(ex);
        }

        return Account(buffer[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await inner.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception ex) when (IsBodyFailure(ex))
        {
            throw new UploadBodyException(ex);
        }

        return Account(buffer.Span[..read]);
    }

    /// <summary>
    /// Failures of the request body, told apart here, where the body is read, from failures of the store (a full
    /// disk is also an IOException, and must stay a server error).
    /// </summary>
    private static bool IsBodyFailure(Exception ex) =>
        ex is IOException or InvalidDataException or Microsoft.AspNetCore.Http.BadHttpRequestException && ex is not OperationCanceledException;

    private int Account(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            _completed = true;
            return 0;
        }

        BytesRead += data.Length;
        if (BytesRead > maxBytes)
            throw new UploadLimitExceededException(UploadLimit.FileSize, maxBytes);
        if (BytesRead > quotaRemaining)
            throw new UploadLimitExceededException(UploadLimit.Quota, quotaRemaining);
        _sha256.AppendData(data);
        _md5.AppendData(data);
        return data.Length;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sha256.Dispose();
            _md5.Dispose();
        }

        base.Dispose(disposing);
    }
}
