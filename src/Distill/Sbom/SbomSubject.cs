using Distill.Blobs;

namespace Distill.Sbom;

/// <summary>
/// The image an SBOM describes: its reference as the user named it ("example/app:1.0"), the digest of
/// its image manifest, and its Debian architecture ("amd64").
/// </summary>
public sealed record SbomSubject(string Name, Digest ManifestDigest, string Architecture);
