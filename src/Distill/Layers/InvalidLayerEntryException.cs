namespace Distill.Layers;

/// <summary>A file entry that cannot be written into a layer, such as an invalid path or a duplicate.</summary>
public class InvalidLayerEntryException(string path, string reason)
    : DistillException($"Invalid layer entry '{path}': {reason}.")
{
    /// <summary>The path of the rejected entry, relative to the image root.</summary>
    public string Path { get; } = path;
}
