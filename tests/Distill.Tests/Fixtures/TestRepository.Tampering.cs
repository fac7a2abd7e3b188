using System.Text;

namespace Distill.Tests.Fixtures;

/// <summary>
/// Changes to a built repository that a verifying client must detect. Each method edits files after
/// <see cref="Build"/> without updating the files that vouch for them.
/// </summary>
public sealed partial class TestRepository
{
    /// <summary>
    /// Flips one bit of a .deb in the pool, after Packages recorded its digest. The size stays the same,
    /// so only a hash check can notice.
    /// </summary>
    public void TamperWithPackage(TestPackage package, string component = "main")
    {
        var path = FullPath(PoolPath(package, component));
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>
    /// Rewrites a Packages index after Release recorded its digests: the plain, .gz and .xz files and
    /// their by-hash copies all get the edited text, while the by-hash names keep the old digests.
    /// By default the edit swaps the SHA256 of the first package for the digest of empty input, the change
    /// an attacker would make to pass off another .deb.
    /// </summary>
    public void TamperWithPackagesIndex(
        string suite, string architecture, string component = "main", Func<string, string>? edit = null)
    {
        var plainPath = FullPath(PackagesPath(suite, architecture, component));
        var text = File.ReadAllText(plainPath);
        var edited = (edit ?? ReplaceFirstSha256)(text);
        if (edited == text)
        {
            throw new InvalidOperationException($"the edit left {plainPath} unchanged, so nothing would be tampered");
        }

        var directory = Path.GetDirectoryName(plainPath)!;
        foreach (var compression in new[] { CompressionFormat.None, CompressionFormat.Gzip, CompressionFormat.Xz })
        {
            var variantPath = plainPath + Compression.FileSuffix(compression);
            var oldDigest = FileDigest.OfFile(variantPath);
            var bytes = Compression.Compress(Encoding.UTF8.GetBytes(edited), compression);
            File.WriteAllBytes(variantPath, bytes);

            var byHashPath = Path.Combine(directory, "by-hash", "SHA256", oldDigest.Sha256);
            if (File.Exists(byHashPath))
            {
                File.WriteAllBytes(byHashPath, bytes);
            }
        }
    }

    /// <summary>
    /// Signs the current Release of a suite again, replacing InRelease and Release.gpg, with other keys.
    /// </summary>
    public void ResignRelease(string suite, params TestSigningKey[] keys)
    {
        var release = File.ReadAllText(FullPath($"dists/{suite}/Release"));
        SuiteWriter.WriteRelease(this, suite, release, keys);
    }

    /// <summary>
    /// Flips one bit near the end of the last signature packet of InRelease, inside the signature value,
    /// and writes the armor again with a matching CRC. The message stays well-formed but does not verify.
    /// </summary>
    public void CorruptInReleaseSignature(string suite)
    {
        var path = FullPath($"dists/{suite}/InRelease");
        var text = File.ReadAllText(path);
        var (packets, start, end) = OpenPgpArmor.Decode(text, OpenPgpArmor.SignatureLabel);
        packets[^2] ^= 0x01;
        File.WriteAllText(path, text[..start] + OpenPgpArmor.Encode(packets, OpenPgpArmor.SignatureLabel) + text[end..]);
    }

    /// <summary>Edits the signed text of InRelease and keeps the old signature, which then no longer matches.</summary>
    public void TamperWithInReleaseText(string suite, Func<string, string> edit)
    {
        var path = FullPath($"dists/{suite}/InRelease");
        var text = File.ReadAllText(path);
        var signatureStart = text.IndexOf("-----BEGIN PGP SIGNATURE-----", StringComparison.Ordinal);
        var edited = edit(text[..signatureStart]);
        if (edited == text[..signatureStart])
        {
            throw new InvalidOperationException($"the edit left the signed text of {path} unchanged");
        }

        File.WriteAllText(path, edited + text[signatureStart..]);
    }

    /// <summary>
    /// Deletes a file given relative to the root, for example to make a client fall back from InRelease.
    /// </summary>
    public void DeleteFile(string relativePath) => File.Delete(FullPath(relativePath));

    private static string ReplaceFirstSha256(string packages)
    {
        const string field = "\nSHA256: ";
        var start = packages.IndexOf(field, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException("the Packages index has no SHA256 field to tamper with");
        }

        start += field.Length;
        return packages[..start] + FileDigest.Of([]).Sha256 + packages[(start + 64)..];
    }
}
