using Distill.Blobs;

namespace Distill.Images;

/// <summary>
/// An OCI image index over images for different platforms, stored in a <see cref="BlobStore"/>. Create it
/// with <see cref="ImageBuilder.BuildIndex"/>.
/// </summary>
public sealed class ImageIndex
{
    internal ImageIndex(IReadOnlyList<Image> images, Descriptor descriptor)
    {
        Images = images;
        Descriptor = descriptor;
    }

    public IReadOnlyList<Image> Images { get; }

    public Descriptor Descriptor { get; }

    public Digest Digest => Descriptor.Digest;

    /// <summary>The descriptors of every blob of the index: those of each image, then the index itself.</summary>
    public IEnumerable<Descriptor> Blobs =>
        Images.SelectMany(image => image.Blobs).Distinct().Append(Descriptor);
}
