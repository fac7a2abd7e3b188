using Distill.Images;

namespace Distill.Output;

/// <summary>An image index with several platforms, given for an output that contains one image only.</summary>
public sealed class MultipleArchitecturesException(IEnumerable<Platform> platforms)
    : DistillException($"A docker archive holds one architecture, but the image index has images for "
        + $"{string.Join(", ", platforms)}. Write an OCI layout (oci:DIR:TAG) for several architectures, or "
        + "build one architecture for the docker archive.");
