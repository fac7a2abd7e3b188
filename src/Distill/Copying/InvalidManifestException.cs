namespace Distill.Copying;

/// <summary>A manifest, index or image config that cannot be parsed.</summary>
public sealed class InvalidManifestException(string source, string reason)
    : DistillException($"Invalid manifest in '{source}': {reason}. Check that the reference names an OCI or "
        + "Docker schema 2 image, and write it again if it came from Distill.")
{
    public string ManifestSource { get; } = source;
}
