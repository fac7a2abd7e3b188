using System.Security.Cryptography;

namespace Distill.Tests.Fixtures;

/// <summary>
/// The size and the MD5 and SHA-256 digests (lower-case hex) of a file, as Packages and Release list them.
/// </summary>
public sealed record FileDigest(long Size, string Md5, string Sha256)
{
    public static FileDigest Of(byte[] bytes) =>
        new(
            bytes.LongLength,
            Convert.ToHexStringLower(MD5.HashData(bytes)),
            Convert.ToHexStringLower(SHA256.HashData(bytes)));

    public static FileDigest OfFile(string path) => Of(File.ReadAllBytes(path));
}
