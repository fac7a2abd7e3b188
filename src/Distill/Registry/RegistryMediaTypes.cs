using Distill.Blobs;

namespace Distill.Registry;

/// <summary>The manifest media types a registry may return: OCI's and Docker's image manifest schema 2.</summary>
public static class RegistryMediaTypes
{
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";

    public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    /// <summary>The media types Distill asks for when it reads a manifest, the value of the Accept header.</summary>
    public static readonly IReadOnlyList<string> AcceptedManifests =
        [MediaTypes.ImageManifest, MediaTypes.ImageIndex, DockerManifest, DockerManifestList];

    public static bool IsIndex(string mediaType) => mediaType is MediaTypes.ImageIndex or DockerManifestList;

    public static bool IsManifest(string mediaType) => mediaType is MediaTypes.ImageManifest or DockerManifest;
}
