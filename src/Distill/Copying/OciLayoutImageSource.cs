using System.Text.Json;
using Distill.Blobs;
using Distill.Output;
using Distill.Registry;

namespace Distill.Copying;

/// <summary>
/// An image in an OCI image layout directory, found in index.json by its "org.opencontainers.image.ref.name"
/// annotation, or the only entry other than artifacts when no tag is given.
/// </summary>
public sealed class OciLayoutImageSource(OciLayoutReference reference) : IImageSource
{
    private const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    public string Name => reference.ToString();

    public RegistryReference? Registry => null;

    public Task<ImageContent> LoadAsync(CancellationToken cancellationToken) =>
        ImageContent.LoadAsync(FindRoot(), (descriptor, _) => File.ReadAllBytesAsync(GetBlobPath(descriptor.Digest)),
            Name, cancellationToken);

    public Task<Stream> OpenBlobAsync(Descriptor blob, CancellationToken cancellationToken)
    {
        var path = GetBlobPath(blob.Digest);
        return File.Exists(path)
            ? Task.FromResult<Stream>(File.OpenRead(path))
            : throw new InvalidOciLayoutException(path, $"the blob {blob.Digest} is missing");
    }

    private string GetBlobPath(Digest digest) =>
        Path.Combine(reference.Directory, "blobs", Digest.Algorithm, digest.Hex);

    private Descriptor FindRoot()
    {
        var path = Path.Combine(reference.Directory, "index.json");
        if (!File.Exists(path))
        {
            throw new InvalidOciLayoutException(path, "the file is missing, so the directory is not an OCI layout");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            // Artifacts that refer to an image, such as SBOMs, are untagged entries with an artifactType. They
            // are not images to read, so an untagged reference still finds the one image beside them.
            var entries = document.RootElement.GetProperty("manifests").EnumerateArray()
                .Where(entry => GetTag(entry) is not null || !entry.TryGetProperty("artifactType", out _))
                .ToList();
            var matches = entries.Where(entry => reference.Tag is null || GetTag(entry) == reference.Tag).ToList();
            if (matches.Count != 1)
            {
                var tags = string.Join(", ", entries.Select(GetTag).OfType<string>());
                throw new InvalidOciLayoutException(path, reference.Tag is null
                    ? $"it has {entries.Count} entries, so name one with oci:DIR:TAG (tags: {tags})"
                    : $"no single entry has the tag '{reference.Tag}' (tags: {tags})");
            }

            var entry = matches[0];
            return new Descriptor(entry.GetProperty("mediaType").GetString()!,
                Digest.Parse(entry.GetProperty("digest").GetString()!), entry.GetProperty("size").GetInt64());
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException
            or InvalidDigestException)
        {
            throw new InvalidOciLayoutException(path, $"the file is not a valid image index ({error.Message})", error);
        }
    }

    private static string? GetTag(JsonElement entry) =>
        entry.TryGetProperty("annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Object
            && annotations.TryGetProperty(RefNameAnnotation, out var tag)
            ? tag.GetString()
            : null;
}
