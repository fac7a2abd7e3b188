namespace Distill.Diffing;

/// <summary>An image index that lists no image for the requested architecture.</summary>
public sealed class PlatformNotFoundException(string source, string architecture, IEnumerable<string> platforms)
    : DistillException($"The image index '{source}' has no image for the architecture '{architecture}' "
        + $"(platforms: {string.Join(", ", platforms)}). Choose one with --arch.");
