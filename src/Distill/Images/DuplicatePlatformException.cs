namespace Distill.Images;

/// <summary>Two images of one image index that are built for the same platform.</summary>
public sealed class DuplicatePlatformException(Platform platform)
    : DistillException($"Two images for the platform {platform} were given for one image index. A client picks "
        + "an image by platform, so build one image per platform.")
{
    public Platform Platform { get; } = platform;
}
