using System.Security.Cryptography;
using Distill.Content;

namespace Distill.Sbom;

/// <summary>
/// A file that the user added to the image, outside any Debian package. <see cref="Path"/> is relative
/// to the image root as in <see cref="FileEntry.Path"/>, and the hashes are lowercase hex.
/// </summary>
public sealed record SbomFile(string Path, string Sha256)
{
    /// <summary>
    /// The SHA-1 of the content, or null. SPDX 2.3 requires a SHA1 checksum for every file, so the SPDX
    /// writer lists it whenever it is known.
    /// </summary>
    public string? Sha1 { get; init; }

    /// <summary>Hashes the content of a regular file and returns its SBOM entry with both digests.</summary>
    public static SbomFile FromContent(string path, IFileContent content)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        using var stream = content.Open();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            sha256.AppendData(buffer, 0, read);
            sha1.AppendData(buffer, 0, read);
        }

        return new SbomFile(path, Convert.ToHexStringLower(sha256.GetHashAndReset()))
        {
            Sha1 = Convert.ToHexStringLower(sha1.GetHashAndReset()),
        };
    }
}
