using Distill.Layers;

namespace Distill.Images;

/// <summary>
/// The content of an OCI image config: the platform, how a container runs, the layers in order from the
/// bottom, and the creation time that the config and every history entry record. Pass SOURCE_DATE_EPOCH or
/// the Unix epoch as <see cref="Created"/> so that the config digest is reproducible.
/// </summary>
public sealed record ImageConfig(
    Platform Platform,
    ContainerConfig Config,
    IReadOnlyList<Layer> Layers,
    DateTimeOffset Created)
{
    /// <summary>
    /// Serializes the config as canonical JSON. Throws <see cref="InvalidImageConfigException"/> for a value
    /// the specification does not allow.
    /// </summary>
    public byte[] ToJson() => ImageConfigJson.Serialize(this);
}
