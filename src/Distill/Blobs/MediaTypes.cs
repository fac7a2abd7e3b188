namespace Distill.Blobs;

/// <summary>The OCI image specification's media types for the blobs Distill writes.</summary>
public static class MediaTypes
{
    public const string ImageLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";

    public const string ImageConfig = "application/vnd.oci.image.config.v1+json";

    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";

    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";
}
