using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Stores;

namespace ChurnOps.Storage.Artifacts.S3;

/// <summary>
/// Artifacts in an S3-compatible bucket under a prefix. A write goes to a local spool file first (the writer may be a
/// synchronous serializer, and memory stays flat whatever the size), then one PUT, or a multipart upload for large
/// files; S3 makes either visible whole or not at all, so a reader sees the previous version until the new one is
/// complete, and a failed or cancelled write leaves nothing (an unfinished multipart upload is aborted). Reads stream
/// the object's body. Folders are key prefixes, listed with the "/" delimiter.
/// </summary>
internal sealed class S3ArtifactStore : IArtifactStore
{
    /// <summary>The user metadata key holding the object's SHA-256 (hex), written with every object.</summary>
    public const string Sha256MetadataKey = "x-amz-meta-sha256";

    private readonly IAmazonS3 _client;
    private readonly S3BucketLocation _location;
    private readonly string _spoolDirectory;
    private readonly SemaphoreSlim[] _keyLocks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public S3ArtifactStore(IAmazonS3 client, S3BucketLocation location, string? spoolDirectory = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _location = location ?? throw new ArgumentNullException(nameof(location));
        _spoolDirectory = spoolDirectory ?? Path.Combine(Path.GetTempPath(), "churnops-s3-spool");
    }

    /// <summary>Files above this size go up in parts (S3's single PUT takes up to 5 GiB, but parts retry and run in parallel).</summary>
    internal long MultipartThreshold { get; init; } = 16 * 1024 * 1024;

    /// <summary>Size of each part but the last (S3's minimum is 5 MiB).</summary>
    internal long PartSize { get; init; } = 8 * 1024 * 1024;

    internal int PartsInFlight { get; init; } = 4;

    public async Task<ArtifactInfo> WriteAsync(string path, Func<Stream, CancellationToken, Task> writeContent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writeContent);
        var (normalized, key) = KeyOf(path);
        Directory.CreateDirectory(_spoolDirectory);
        var spool = Path.Combine(_spoolDirectory, Guid.NewGuid().ToString("N") + ".part");
        try
        {
            await using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await writeContent(file, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            long size;
            string sha256;
            await using (var read = new FileStream(spool, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan))
            {
                size = read.Length;
                sha256 = await ArtifactHash.ComputeAsync(read, cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            // S3 makes concurrent PUTs of one key atomic (last wins whole); some S3-compatible servers write in place
            // (s3rver, filesystem gateways), so this process sends one key's uploads one at a time.
            var keyLock = _keyLocks[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_keyLocks.Length)];
            await keyLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (size <= MultipartThreshold)
                {
                    var put = new PutObjectRequest { BucketName = _location.Bucket, Key = key, FilePath = spool, UseChunkEncoding = false };
                    put.Metadata[Sha256MetadataKey] = sha256;
                    await CallAsync(() => _client.PutObjectAsync(put, cancellationToken), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await UploadInPartsAsync(key, spool, size, sha256, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                keyLock.Release();
            }

            return new ArtifactInfo(normalized, false, size, sha256);
        }
        finally
        {
            File.Delete(spool);
        }
    }

    public async Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken)
    {
        var (_, key) = KeyOf(path);
        try
        {
            var response = await CallAsync(() => _client.GetObjectAsync(_location.Bucket, key, cancellationToken), cancellationToken).ConfigureAwait(false);
            return new S3ObjectReadStream(response);
        }
        catch (AmazonS3Exception ex) when (IsMissingKey(ex))
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken)
    {
        var (_, key) = KeyOf(path);
        try
        {
            await CallAsync(() => _client.GetObjectMetadataAsync(_location.Bucket, key, cancellationToken), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception ex) when (IsMissingKey(ex))
        {
            return false;
        }
    }

    /// <summary>
    /// Direct children of a folder. Keys are read in order without a delimiter, and on meeting a key inside a
    /// sub-folder the listing jumps past that whole sub-folder (StartAfter), so each sub-folder costs one request however
    /// much it holds. That gives the same answer as a "/"-delimited listing, also on S3-compatible servers whose
    /// delimiter support misses folders that hold only deeper folders.
    /// </summary>
    public async Task<IReadOnlyList<ArtifactInfo>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var normalized = ArtifactPath.Normalize(prefix ?? string.Empty);
        var folder = normalized.Length == 0 ? RootPrefix : KeyPrefix(normalized) + "/";
        var folders = new List<ArtifactInfo>();
        var files = new List<ArtifactInfo>();
        var request = new ListObjectsV2Request { BucketName = _location.Bucket, Prefix = folder };
        while (true)
        {
            var page = await CallAsync(() => _client.ListObjectsV2Async(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            string? skipPast = null;
            foreach (var item in page.S3Objects ?? [])
            {
                var rest = item.Key[folder.Length..];
                var slash = rest.IndexOf('/', StringComparison.Ordinal);
                if (slash < 0)
                {
                    files.Add(new ArtifactInfo(Relative(item.Key), false, item.Size, null));
                    continue;
                }

                if (slash > 0)
                {
                    folders.Add(new ArtifactInfo(Relative(folder + rest[..slash]), true, null, null));
                }

                // Past every key of this sub-folder (and past a "folder/" marker object some tools create).
                skipPast = folder + rest[..(slash + 1)] + "\U0010FFFF";
                break;
            }

            if (skipPast is not null)
            {
                request.StartAfter = skipPast;
                request.ContinuationToken = null;
            }
            else if (page.IsTruncated == true)
            {
                request.ContinuationToken = page.NextContinuationToken;
            }
            else
            {
                break;
            }
        }

        return [.. folders.OrderBy(f => f.Path, StringComparer.Ordinal), .. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    public async Task<bool> DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var (_, key) = KeyOf(path);
        var existed = await ExistsAsync(path, cancellationToken).ConfigureAwait(false);
        if (existed)
        {
            await CallAsync(() => _client.DeleteObjectAsync(_location.Bucket, key, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        // A folder: every key under it, a page (at most 1,000 keys, one batch delete) at a time.
        var request = new ListObjectsV2Request { BucketName = _location.Bucket, Prefix = key + "/" };
        while (true)
        {
            var page = await CallAsync(() => _client.ListObjectsV2Async(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            var keys = (page.S3Objects ?? []).Select(o => new KeyVersion { Key = o.Key }).ToList();
            if (keys.Count == 0)
            {
                return existed;
            }

            await CallAsync(() => _client.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = _location.Bucket, Objects = keys, Quiet = true }, cancellationToken), cancellationToken).ConfigureAwait(false);
            existed = true;
        }
    }

    public string Describe(string path) => $"s3://{_location.Bucket}/{KeyOf(path).Key}";

    private string RootPrefix => _location.Prefix.Length == 0 ? string.Empty : _location.Prefix + "/";

    private string KeyPrefix(string normalized) => RootPrefix + normalized;

    private (string Normalized, string Key) KeyOf(string path)
    {
        var normalized = ArtifactPath.Normalize(path);
        if (normalized.Length == 0)
        {
            throw new ArgumentException("Artifact path is empty.", nameof(path));
        }

        return (normalized, KeyPrefix(normalized));
    }

    private string Relative(string key) => key[RootPrefix.Length..];

    private async Task UploadInPartsAsync(string key, string spool, long size, string sha256, CancellationToken cancellationToken)
    {
        var initiate = new InitiateMultipartUploadRequest { BucketName = _location.Bucket, Key = key };
        initiate.Metadata[Sha256MetadataKey] = sha256;
        var upload = await CallAsync(() => _client.InitiateMultipartUploadAsync(initiate, cancellationToken), cancellationToken).ConfigureAwait(false);
        try
        {
            var count = (int)((size + PartSize - 1) / PartSize);
            var etags = new PartETag[count];
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = PartsInFlight, CancellationToken = cancellationToken }, async (index, ct) =>
            {
                var offset = index * PartSize;
                var part = new UploadPartRequest
                {
                    BucketName = _location.Bucket,
                    Key = key,
                    UploadId = upload.UploadId,
                    PartNumber = index + 1,
                    FilePath = spool,
                    FilePosition = offset,
                    PartSize = Math.Min(PartSize, size - offset),
                    IsLastPart = index == count - 1,
                    UseChunkEncoding = false,
                };
                var response = await CallAsync(() => _client.UploadPartAsync(part, ct), ct).ConfigureAwait(false);
                etags[index] = new PartETag(index + 1, response.ETag);
            }).ConfigureAwait(false);

            var complete = new CompleteMultipartUploadRequest { BucketName = _location.Bucket, Key = key, UploadId = upload.UploadId, PartETags = [.. etags] };
            await CallAsync(() => _client.CompleteMultipartUploadAsync(complete, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The parts are invisible but billed until aborted; abort even when the caller cancelled.
            try
            {
                await _client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _location.Bucket, Key = key, UploadId = upload.UploadId }, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception abort) when (abort is AmazonClientException or HttpRequestException or IOException)
            {
                // A bucket lifecycle rule (AbortIncompleteMultipartUpload) clears what could not be aborted now.
            }

            throw;
        }
    }

    private static bool IsMissingKey(AmazonS3Exception ex) =>
        ex.StatusCode == HttpStatusCode.NotFound && ex.ErrorCode is not "NoSuchBucket";

    /// <summary>
    /// Runs one S3 call; a missing key stays an <see cref="AmazonS3Exception"/> for the caller to answer, anything that
    /// means the store itself is unusable (unreachable, no bucket, refused credentials) becomes the one-line
    /// <see cref="StoreUnavailableException"/>.
    /// </summary>
    private async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (IsMissingKey(ex))
        {
            throw;
        }
        catch (AmazonS3Exception ex)
        {
            var reason = ex.ErrorCode switch
            {
                "NoSuchBucket" => $"bucket '{_location.Bucket}' does not exist",
                "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "AccessDenied" =>
                    $"the server refused the credentials ({ex.ErrorCode}); check CHURNOPS__STORAGE__S3__ACCESS_KEY_ID and __SECRET_ACCESS_KEY",
                _ => $"the server answered {(int)ex.StatusCode} {ex.ErrorCode}",
            };
            throw new StoreUnavailableException($"artifact store {_location}: {reason}", ex);
        }
        catch (Exception ex) when (ex is AmazonClientException or HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new StoreUnavailableException($"artifact store {_location}: the server is unreachable ({FirstLine(ex.InnerException?.Message ?? ex.Message)}); check storage.s3.endpoint and that the server is running", ex);
        }
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var line = end < 0 ? text : text[..end];
        return line.Length <= 160 ? line : line[..160] + "…";
    }
}
