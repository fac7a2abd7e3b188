using System.Text.Json;
using Distill.Blobs;
using Distill.Images;
using Distill.Registry;

namespace Distill.Copying;

/// <summary>
/// The descriptors of a parsed image manifest (its config and layers) or image index (its manifests and their
/// platforms), in OCI or Docker schema 2 form.
/// </summary>
public sealed record ManifestDocument(
    string MediaType,
    Descriptor? Config,
    IReadOnlyList<Descriptor> Layers,
    IReadOnlyList<(Descriptor Manifest, Platform? Platform)> Manifests)
{
    public bool IsIndex => RegistryMediaTypes.IsIndex(MediaType);

    /// <summary>
    /// Parses a manifest or index. The document's own "mediaType" wins over <paramref name="fallbackMediaType"/>,
    /// such as a Content-Type or a descriptor's media type; without either, a "manifests" array means an index.
    /// Throws <see cref="InvalidManifestException"/> naming <paramref name="source"/> for invalid content.
    /// </summary>
    public static ManifestDocument Parse(byte[] content, string? fallbackMediaType, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidManifestException(source, "it is not a JSON object");
            }

            var mediaType = root.TryGetProperty("mediaType", out var type) && type.GetString() is { Length: > 0 } own
                ? own
                : RegistryMediaTypes.IsIndex(fallbackMediaType ?? "") || RegistryMediaTypes.IsManifest(fallbackMediaType ?? "")
                    ? fallbackMediaType!
                    : root.TryGetProperty("manifests", out _) ? MediaTypes.ImageIndex : MediaTypes.ImageManifest;

            if (RegistryMediaTypes.IsIndex(mediaType))
            {
                var manifests = ReadArray(root, "manifests", source)
                    .Select(item => (ReadDescriptor(item, source), ReadPlatform(item)))
                    .ToList();
                return new ManifestDocument(mediaType, null, [], manifests);
            }

            if (!RegistryMediaTypes.IsManifest(mediaType))
            {
                throw new InvalidManifestException(source, $"its media type '{mediaType}' is neither an image "
                    + "manifest nor an image index");
            }

            if (!root.TryGetProperty("config", out var config))
            {
                throw new InvalidManifestException(source, "it has no \"config\"");
            }

            var layers = ReadArray(root, "layers", source).Select(item => ReadDescriptor(item, source)).ToList();
            return new ManifestDocument(mediaType, ReadDescriptor(config, source), layers, []);
        }
        catch (JsonException error)
        {
            throw new InvalidManifestException(source, $"it is not valid JSON ({error.Message})");
        }
    }

    private static IEnumerable<JsonElement> ReadArray(JsonElement root, string name, string source) =>
        root.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().ToList()
            : throw new InvalidManifestException(source, $"it has no \"{name}\" array");

    private static Descriptor ReadDescriptor(JsonElement element, string source)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("mediaType", out var mediaType) || mediaType.ValueKind != JsonValueKind.String
            || !element.TryGetProperty("digest", out var digest) || digest.ValueKind != JsonValueKind.String
            || !element.TryGetProperty("size", out var size) || !size.TryGetInt64(out var length) || length < 0)
        {
            throw new InvalidManifestException(source, "a descriptor lacks a valid mediaType, digest or size");
        }

        try
        {
            return new Descriptor(mediaType.GetString()!, Digest.Parse(digest.GetString()!), length);
        }
        catch (InvalidDigestException error)
        {
            throw new InvalidManifestException(source, error.Message);
        }
    }

    private static Platform? ReadPlatform(JsonElement element)
    {
        if (!element.TryGetProperty("platform", out var platform) || platform.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var os = platform.TryGetProperty("os", out var osValue) ? osValue.GetString() : null;
        var architecture = platform.TryGetProperty("architecture", out var arch) ? arch.GetString() : null;
        var variant = platform.TryGetProperty("variant", out var variantValue) ? variantValue.GetString() : null;
        return os is null || architecture is null ? null : new Platform(os, architecture, variant);
    }
}
