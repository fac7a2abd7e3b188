using Distill.Content;
using Distill.Debian;
using Distill.Debian.Packages;

namespace Distill.Sbom;

/// <summary>
/// Reads the license of a package from its machine-readable copyright file (DEP-5, copyright-format
/// 1.0): the License fields of the Files paragraphs, each mapped to SPDX and joined with AND.
/// </summary>
public static class DebianCopyright
{
    /// <summary>
    /// Finds usr/share/doc/PACKAGE/copyright among the package's files and returns its license
    /// expression, or <see cref="SbomPackage.NoAssertion"/> when the file is missing or not DEP-5.
    /// </summary>
    /// <remarks>
    /// NOTE: packages whose doc directory is a symlink into another package (libstdc++6 and libgcc-s1
    /// link to gcc-12-base) have no copyright file of their own, so they get NOASSERTION here.
    /// </remarks>
    public static string ReadLicense(DebPackage package)
    {
        var path = $"usr/share/doc/{package.Name}/copyright";
        var file = package.Files.FirstOrDefault(entry => entry.Path == path && entry.Type == FileType.RegularFile);
        if (file?.Content is null)
        {
            return SbomPackage.NoAssertion;
        }

        using var reader = new StreamReader(file.Content.Open());
        return ParseLicense(reader.ReadToEnd());
    }

    /// <summary>
    /// Returns the SPDX expression of a copyright file: the distinct licenses of its Files paragraphs
    /// joined with AND, sorted by ID. Returns <see cref="SbomPackage.NoAssertion"/> when the file has no
    /// DEP-5 Format field, cannot be parsed as deb822, or names no license in a Files paragraph.
    /// </summary>
    public static string ParseLicense(string copyright)
    {
        List<ControlParagraph> paragraphs;
        try
        {
            paragraphs = ControlFile.Parse(copyright).ToList();
        }
        catch (FormatException)
        {
            return SbomPackage.NoAssertion;
        }

        if (paragraphs.Count == 0 || !IsMachineReadable(paragraphs[0]))
        {
            return SbomPackage.NoAssertion;
        }

        var terms = paragraphs
            .Where(paragraph => paragraph["Files"] is not null)
            .Select(paragraph => Synopsis(paragraph["License"]))
            .Where(synopsis => synopsis.Length > 0)
            .SelectMany(synopsis => LicenseSynopsis.Parse(synopsis).AndTerms())
            .Distinct()
            .OrderBy(term => term.ToString().TrimStart('('), StringComparer.Ordinal)
            .ToList();

        return terms.Count == 0 ? SbomPackage.NoAssertion : LicenseExpression.And(terms).ToString();
    }

    /// <summary>
    /// Accepts the Format URL of copyright-format 1.0 (http or https, with or without the final '/')
    /// and the URLs of DEP-5 drafts that files written before 2012 still carry.
    /// </summary>
    private static bool IsMachineReadable(ControlParagraph header)
    {
        var format = header["Format"] ?? header["Format-Specification"];
        return format is not null
            && (format.Contains("copyright-format/1.0", StringComparison.OrdinalIgnoreCase)
                || format.Contains("dep5", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Returns the first line of a License field, which names the licenses. Later lines give text.</summary>
    private static string Synopsis(string? license)
    {
        if (license is null)
        {
            return "";
        }

        var newline = license.IndexOf('\n');
        return (newline < 0 ? license : license[..newline]).Trim();
    }
}
