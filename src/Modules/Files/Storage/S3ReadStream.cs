using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Platform.Modules.Files.Storage;

/// <summary>
/// A seekable, read-only view of one S3 object. Seeking costs nothing: the GET (ranged from the current position to
/// the end) starts at the first read after it, so ASP.NET's range processing (seek, then read) makes exactly one
/// request, and a plain download makes one too. Every GET carries the ETag seen when the stream was opened, so an
/// object replaced in the meantime fails the read instead of splicing two versions together.
/// </summary>
internal sealed class S3ReadStream : Stream
{
    private readonly IAmazonS3 _client;
    private readonly string _bucket;
    private readonly string _key;
    private readonly string? _etag;
    private GetObjectResponse? _response;
    private long _position;
    private bool _disposed;

    public S3ReadStream(IAmazonS3 client, string bucket, string key, long length, string? etag)
    {
        _client = client;
        _bucket = bucket;
        _key = key;
        _etag = etag;
        Length = length;
    }

    public override bool CanRead => !_disposed;

    public override bool CanSeek => !_disposed;

    public override bool CanWrite => false;

    public override long Length { get; }

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => Length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        if (target < 0)
            throw new IOException("Cannot seek before the beginning of the object.");
        if (target != _position)
        {
            CloseResponse();
            _position = target;
        }

        return _position;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty || _position >= Length)
            return 0;

        _response ??= await GetFromPositionAsync(cancellationToken);
        var read = await _response.ResponseStream.ReadAsync(buffer, cancellationToken);
        if (read == 0)
            throw new IOException($"'{_key}' ended at byte {_position} of {Length}: it changed while being read.");
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // The SDK has no synchronous GET on .NET; blocking here is what a synchronous caller asked for.
    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("The stream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The stream is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            CloseResponse();
        _disposed = true;
        base.Dispose(disposing);
    }

    private async Task<GetObjectResponse> GetFromPositionAsync(CancellationToken ct)
    {
        try
        {
            return await _client.GetObjectAsync(new GetObjectRequest
            {
                BucketName = _bucket,
                Key = _key,
                ByteRange = new ByteRange(_position, Length - 1),
                EtagToMatch = _etag,
            }, ct);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            throw new IOException($"'{_key}' was replaced or deleted while being read.", ex);
        }
    }

    /// <summary>
    /// Ends the current GET. When it has not been read to its end the HTTP connection is dropped, not reused: the
    /// price of not knowing, at seek time, where the caller will stop reading.
    /// </summary>
    private void CloseResponse()
    {
        _response?.Dispose();
        _response = null;
    }
}
