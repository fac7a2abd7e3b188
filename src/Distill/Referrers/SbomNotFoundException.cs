using Distill.Sbom;

namespace Distill.Referrers;

/// <summary>An image that has no SBOM of the requested format attached.</summary>
public sealed class SbomNotFoundException(string image, SbomFormat format, string where)
    : DistillException($"no {format.Name()} SBOM is attached to {image} ({where}). Build the image with "
        + $"'--sbom {format.Name()}' to attach one.")
{
    public SbomFormat Format { get; } = format;
}
