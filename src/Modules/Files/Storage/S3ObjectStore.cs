using System.Buffers;
using System.Net;
using System.Runtime.CompilerServices;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;

namespace Platform.Modules.Files.Storage;

/// <summary>
/// Objects in one bucket of an S3-compatible server. A put reads the content in parts of
/// <see cref="S3StoreOptions.PartSizeBytes"/> (one part in memory at a time): content that fits in one part is one
/// PutObject, anything larger a multipart upload, aborted on any failure so that no invisible parts stay billed.
/// Both are atomic on S3's side: the key shows the old object until the put or the completion succeeds.
/// </summary>
internal sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private const int MinimumPartSize = 5 * 1024 * 1024;
    private const int MaximumPartSize = 1024 * 1024 * 1024;
    private const int MaximumParts = 10_000;
    private const string ContentType = "application/octet-stream";

    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly int _partSize;
    private readonly ILogger<S3ObjectStore> _logger;

    public S3ObjectStore(S3StoreOptions options, ILogger<S3ObjectStore> logger)
    {
        var problems = Problems(options);
        if (problems.Count > 0)
            throw new InvalidOperationException(string.Join(" ", problems));

        _bucket = options.Bucket;
        _partSize = options.PartSizeBytes;
        _logger = logger;
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // The SDK's default since 2025 adds CRC checksums to every request and expects them in responses; several
            // S3-compatible servers reject or lack them. Integrity still rests on SigV4's payload hash and on the
            // Files module's own SHA-256 of every upload.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
        }

        // Without keys (AWS only, see Problems) the SDK's own chain applies: environment, profile, instance role.
        _client = string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    public string Kind => "s3";

    public string Bucket => _bucket;

    /// <summary>What is wrong with <paramref name="options"/> (empty when nothing); never quotes a secret.</summary>
    internal static List<string> Problems(S3StoreOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Bucket))
            problems.Add($"{FilesOptions.Section}:S3:Bucket is required.");
        if (string.IsNullOrWhiteSpace(options.Region))
            problems.Add($"{FilesOptions.Section}:S3:Region is required.");
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl)
            && !(Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
            problems.Add($"{FilesOptions.Section}:S3:ServiceUrl must be an absolute http or https URL.");
        if (string.IsNullOrEmpty(options.AccessKey) != string.IsNullOrEmpty(options.SecretKey))
            problems.Add($"{FilesOptions.Section}:S3:AccessKey and SecretKey must be given together.");
        else if (string.IsNullOrEmpty(options.AccessKey) && !string.IsNullOrWhiteSpace(options.ServiceUrl))
            problems.Add($"{FilesOptions.Section}:S3:AccessKey and SecretKey are required with a ServiceUrl (only AWS itself has other ways to find credentials).");
        if (options.PartSizeBytes is < MinimumPartSize or > MaximumPartSize)
            problems.Add($"{FilesOptions.Section}:S3:PartSizeBytes must be between {MinimumPartSize} (S3's minimum) and {MaximumPartSize}.");
        return problems;
    }

    /// <summary>Creates the bucket when it is missing (at startup). Fails with a clear message when it cannot be used.</summary>
    public async Task EnsureBucketAsync(CancellationToken ct)
    {
        if (await BucketExistsAsync(ct))
            return;
        try
        {
            await _client.PutBucketAsync(new PutBucketRequest { BucketName = _bucket, UseClientRegion = true }, ct);
            _logger.LogInformation("Created the bucket {Bucket}", _bucket);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // Another node created it since we looked (some servers, s3rver among them, answer "exists" to the owner
            // too); it is only a problem when we still cannot see it, i.e. someone else owns the name.
            if (!await BucketExistsAsync(ct))
                throw new InvalidOperationException($"The bucket '{_bucket}' exists but belongs to another account: choose another {FilesOptions.Section}:S3:Bucket.", ex);
        }
    }

    public async Task<StoredObject> PutAsync(string key, Stream content, CancellationToken ct)
    {
        ObjectKeyRules.Validate(key);
        var buffer = ArrayPool<byte>.Shared.Rent(_partSize);
        try
        {
            var filled = await FillAsync(content, buffer, _partSize, ct);
            if (filled < _partSize)
            {
                using var body = new MemoryStream(buffer, 0, filled, writable: false);
                await _client.PutObjectAsync(new PutObjectRequest
                {
                    BucketName = _bucket,
                    Key = key,
                    InputStream = body,
                    AutoCloseStream = false,
                    ContentType = ContentType,
                    UseChunkEncoding = false,
                }, ct);
                return new StoredObject(key, filled, DateTimeOffset.UtcNow);
            }

            return await PutMultipartAsync(key, content, buffer, ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        var head = await HeadAsync(key, ct);
        return head is null ? null : new S3ReadStream(_client, _bucket, key, head.Headers.ContentLength, head.ETag);
    }

    public async Task<StoredObject?> StatAsync(string key, CancellationToken ct)
    {
        var head = await HeadAsync(key, ct);
        return head is null ? null : new StoredObject(key, head.Headers.ContentLength, Utc(head.LastModified));
    }

    public async Task DeleteAsync(string key, CancellationToken ct)
    {
        ObjectKeyRules.Validate(key);
        try
        {
            await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = key }, ct);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound && ex.ErrorCode != "NoSuchBucket")
        {
            // S3 answers 204 for a missing key; some compatible servers answer 404.
        }
    }

    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        ObjectKeyRules.ValidatePrefix(prefix);
        string? continuation = null;
        do
        {
            var page = await _client.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = _bucket,
                Prefix = prefix.Length == 0 ? null : prefix,
                ContinuationToken = continuation,
            }, ct);
            foreach (var item in page.S3Objects ?? [])
                yield return new StoredObject(item.Key, item.Size ?? 0, Utc(item.LastModified));
            continuation = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (continuation is not null);
    }

    public void Dispose() => _client.Dispose();

    /// <param name="buffer">Holds the first part, already read (a full part).</param>
    private async Task<StoredObject> PutMultipartAsync(string key, Stream content, byte[] buffer, CancellationToken ct)
    {
        var upload = await _client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = _bucket, Key = key, ContentType = ContentType }, ct);
        try
        {
            var parts = new List<PartETag>();
            long length = 0;
            var filled = _partSize;
            while (filled > 0)
            {
                if (parts.Count == MaximumParts)
                    throw new InvalidOperationException($"'{key}' needs more than {MaximumParts} parts of {_partSize} bytes: raise {FilesOptions.Section}:S3:PartSizeBytes.");
                using (var body = new MemoryStream(buffer, 0, filled, writable: false))
                {
                    var part = await _client.UploadPartAsync(new UploadPartRequest
                    {
                        BucketName = _bucket,
                        Key = key,
                        UploadId = upload.UploadId,
                        PartNumber = parts.Count + 1,
                        InputStream = body,
                        UseChunkEncoding = false,
                    }, ct);
                    parts.Add(new PartETag(parts.Count + 1, part.ETag));
                }

                length += filled;
                // A short part was the end of the stream; a full one may be followed by nothing (then filled is 0).
                filled = filled < _partSize ? 0 : await FillAsync(content, buffer, _partSize, ct);
            }

            await _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = _bucket,
                Key = key,
                UploadId = upload.UploadId,
                PartETags = parts,
            }, ct);
            return new StoredObject(key, length, DateTimeOffset.UtcNow);
        }
        catch (Exception failure)
        {
            await AbortAsync(key, upload.UploadId, failure);
            throw;
        }
    }

    private async Task AbortAsync(string key, string uploadId, Exception failure)
    {
        try
        {
            // Not the caller's token: a cancelled upload is exactly the one whose parts must go.
            await _client.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = uploadId }, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The original failure is what the caller must see; the parts stay until a lifecycle rule
            // (AbortIncompleteMultipartUpload) removes them.
            _logger.LogWarning(ex, "Could not abort the multipart upload {UploadId} of {Key} after {Failure}",
                uploadId, key, failure.GetType().Name);
        }
    }

    private async Task<GetObjectMetadataResponse?> HeadAsync(string key, CancellationToken ct)
    {
        ObjectKeyRules.Validate(key);
        try
        {
            return await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = key }, ct);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound && ex.ErrorCode != "NoSuchBucket")
        {
            return null;
        }
    }

    private async Task<bool> BucketExistsAsync(CancellationToken ct)
    {
        try
        {
            await _client.HeadBucketAsync(new HeadBucketRequest { BucketName = _bucket }, ct);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new InvalidOperationException(
                $"Access to the bucket '{_bucket}' is denied: check {FilesOptions.Section}:S3:AccessKey/SecretKey and the bucket's policy.", ex);
        }
    }

    /// <summary>Reads until <paramref name="count"/> bytes are in <paramref name="buffer"/> or the stream ends.</summary>
    private static async Task<int> FillAsync(Stream content, byte[] buffer, int count, CancellationToken ct)
    {
        var filled = 0;
        int read;
        while (filled < count && (read = await content.ReadAsync(buffer.AsMemory(filled, count - filled), ct)) > 0)
            filled += read;
        return filled;
    }

    private static DateTimeOffset Utc(DateTime? time) => time switch
    {
        null => DateTimeOffset.UnixEpoch,
        { Kind: DateTimeKind.Utc } utc => new DateTimeOffset(utc),
        var other => new DateTimeOffset(other.Value.ToUniversalTime()),
    };
}
