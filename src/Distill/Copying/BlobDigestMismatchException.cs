using Distill.Blobs;

namespace Distill.Copying;

/// <summary>A blob whose bytes do not have the digest or size that its descriptor names.</summary>
public sealed class BlobDigestMismatchException(string source, Descriptor expected, Digest actual, long actualSize)
    : DistillException($"The blob {expected.Digest} ({expected.Size} bytes) read from '{source}' has the digest "
        + $"{actual} and {actualSize} bytes. The source is corrupt or changed while it was read; copy it again, "
        + "or rebuild the image.")
{
    public Descriptor Expected { get; } = expected;
}
