using System.Text;

namespace Distill.Content;

/// <summary>
/// Builds /etc/ssl/certs/ca-certificates.crt as update-ca-certificates from Debian's ca-certificates
/// package writes it on a fresh install with the default configuration, without running either script.
/// </summary>
/// <remarks>
/// On a fresh install, the package's config script selects every certificate in its hard-coded list,
/// which equals the package's *.crt files in 20230311+deb12u1 and 20250419~deb12u2. The postinst
/// (identical in both) writes that list through `sort` to /etc/ca-certificates.conf. update-ca-certificates
/// then appends each listed file in that order with `sed -e '$a\'`. That copies the file unchanged and
/// adds a newline only when the file does not end with one. The order is therefore byte order of the
/// path relative to /usr/share/ca-certificates, which is `sort` in the C locale.
/// NOTE: dpkg passes the caller's locale to maintainer scripts, so an install run under a locale other
/// than C or C.UTF-8 can order the host's bundle differently.
/// Certificates under /usr/local/share are not part of a package and are not included.
/// </remarks>
public static class CaBundle
{
    public const string BundlePath = "etc/ssl/certs/ca-certificates.crt";
    public const string CertificatesDirectory = "usr/share/ca-certificates";
    private const int BundleMode = 0b110_100_100; // 0644, as update-ca-certificates sets with chmod

    /// <summary>
    /// Concatenates the *.crt files under usr/share/ca-certificates of the given package entries in the
    /// order described on the type. Symbolic links are skipped, as `find -type f` in the package's config
    /// script skips them, and hard links read the content of their target. Raises
    /// <see cref="CaBundleException"/> if there is no certificate.
    /// </summary>
    public static byte[] Build(IEnumerable<FileEntry> caCertificatesFiles)
    {
        var filesByPath = caCertificatesFiles.ToDictionary(file => file.Path, StringComparer.Ordinal);
        var certificates = filesByPath.Values
            .Where(IsCertificate)
            .OrderBy(file => Encoding.UTF8.GetBytes(file.Path), ByteOrder.Instance)
            .ToList();
        if (certificates.Count == 0)
        {
            throw new CaBundleException(
                $"no certificate (*.crt regular file) under {CertificatesDirectory}/ in the given files; " +
                "pass the data entries of Debian's ca-certificates package");
        }

        using var bundle = new MemoryStream();
        foreach (var certificate in certificates)
        {
            AppendWithFinalNewline(bundle, ReadContent(certificate, filesByPath));
        }

        return bundle.ToArray();
    }

    /// <summary>Creates the bundle's entry: etc/ssl/certs/ca-certificates.crt, mode 0644, owned by root.</summary>
    public static FileEntry CreateEntry(IEnumerable<FileEntry> caCertificatesFiles, DateTimeOffset modificationTime)
    {
        var content = new BytesContent(Build(caCertificatesFiles));
        return new FileEntry(BundlePath, FileType.RegularFile, BundleMode, 0, 0, modificationTime)
        {
            Content = content,
        };
    }

    private static bool IsCertificate(FileEntry file) =>
        file.Type is FileType.RegularFile or FileType.Hardlink
        && file.Path.StartsWith(CertificatesDirectory + "/", StringComparison.Ordinal)
        && file.Path.EndsWith(".crt", StringComparison.Ordinal);

    private static ReadOnlyMemory<byte> ReadContent(FileEntry certificate, Dictionary<string, FileEntry> filesByPath)
    {
        var file = certificate;
        if (certificate.Type == FileType.Hardlink)
        {
            var target = certificate.LinkTarget ?? "";
            if (!filesByPath.TryGetValue(target, out file) || file.Type != FileType.RegularFile)
            {
                throw new CaBundleException(
                    $"hard link '{certificate.Path}' targets '{target}', which is not a regular file in the " +
                    "given files; pass all data entries of the ca-certificates package");
            }
        }

        using var stream = file.Content?.Open() ?? Stream.Null;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static void AppendWithFinalNewline(MemoryStream bundle, ReadOnlyMemory<byte> content)
    {
        bundle.Write(content.Span);
        if (content.Length > 0 && content.Span[^1] != (byte)'\n')
        {
            bundle.WriteByte((byte)'\n');
        }
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
