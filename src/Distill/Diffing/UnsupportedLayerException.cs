namespace Distill.Diffing;

/// <summary>A layer that Distill cannot unpack, such as a zstd-compressed layer.</summary>
public sealed class UnsupportedLayerException(string source, string digest, string mediaType)
    : DistillException($"Cannot read the layer {digest} of '{source}': its media type '{mediaType}' is not a "
        + "plain or gzip-compressed tar. Copy the image with a tool that converts its layers to gzip, then compare.");
