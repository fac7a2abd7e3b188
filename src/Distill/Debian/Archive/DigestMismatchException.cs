namespace Distill.Debian.Archive;

/// <summary>
/// Thrown when a downloaded file's size or SHA-256 digest differs from the one its signed index lists.
/// The file is discarded, never stored in the cache.
/// </summary>
public sealed class DigestMismatchException : DistillException
{
    public DigestMismatchException(
        string url, string expectedSha256, long expectedSize, string actualSha256, long actualSize)
        : base($"{url} does not match its index: expected SHA-256 {expectedSha256} ({expectedSize} bytes), "
            + $"received SHA-256 {actualSha256} ({actualSize} bytes). The mirror may be in the middle of a sync or "
            + "serve corrupted files; retry later or use another mirror with --mirror")
    {
        Url = url;
        ExpectedSha256 = expectedSha256;
        ExpectedSize = expectedSize;
        ActualSha256 = actualSha256;
        ActualSize = actualSize;
    }

    public string Url { get; }

    public string ExpectedSha256 { get; }

    public long ExpectedSize { get; }

    public string ActualSha256 { get; }

    public long ActualSize { get; }
}
