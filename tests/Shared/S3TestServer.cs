using System.Net.Sockets;
using Amazon.S3;
using Amazon.S3.Model;

namespace ChurnOps.Testing;

/// <summary>
/// One s3rver (the npm S3-compatible server that scripts/install-prereqs.sh puts in .tools/) per test assembly, on a free
/// loopback port with a temp data folder, and one bucket made for the tests; stopped when the test process exits.
/// Its fixed credentials are S3RVER/S3RVER, and it needs path-style addressing.
/// </summary>
internal static class S3TestServer
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";
    public const string Bucket = "churnops-tests";

    private static readonly Lazy<Task<LocalServerProcess>> Server = new(StartAsync);

    /// <summary>http://127.0.0.1:PORT of the shared server (the bucket exists).</summary>
    public static async Task<string> EndpointAsync() => $"http://127.0.0.1:{(await Server.Value).Port}";

    /// <summary>A client for the shared server, as ChurnOps configures one (path style, fixed keys).</summary>
    public static async Task<AmazonS3Client> ClientAsync() => Client(await EndpointAsync());

    public static AmazonS3Client Client(string endpoint) => new(
        new Amazon.Runtime.BasicAWSCredentials(AccessKey, SecretKey),
        new AmazonS3Config
        {
            ServiceURL = endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED,
        });

    private static async Task<LocalServerProcess> StartAsync()
    {
        var executable = LocalServerProcess.RequireExecutable(Path.Combine(LocalServerProcess.RepositoryRoot(), ".tools", "s3rver", "node_modules", ".bin", "s3rver"), "s3rver");
        var server = await LocalServerProcess.StartAsync(
            executable,
            (port, data) => ["--directory", data, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--address", "127.0.0.1", "--silent", "--no-vhost-buckets"],
            ListensAsync);
        using var client = Client($"http://127.0.0.1:{server.Port}");
        await client.PutBucketAsync(new PutBucketRequest { BucketName = Bucket });
        return server;
    }

    private static async Task<bool> ListensAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
