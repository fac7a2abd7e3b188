using System.Globalization;
using System.Text;

namespace Distill.Sbom;

/// <summary>
/// Builds package URLs (purl) as the purl specification (ECMA-427) defines them. Components are
/// percent-encoded as UTF-8, except letters, digits, the punctuation characters '.', '-', '_' and '~',
/// and the colon, which the specification forbids encoding. So a Debian epoch keeps its colon and '+'
/// becomes %2B, as in the specification's example "pkg:deb/debian/attr@1:2.4.47-2%2Bb1?arch=amd64".
/// </summary>
public static class PackageUrl
{
    /// <summary>
    /// Returns the purl of a Debian binary package, such as
    /// "pkg:deb/debian/libstdc%2B%2B6@12.2.0-14?arch=amd64&amp;distro=debian-12". Qualifiers appear in
    /// key order, as the canonical form requires.
    /// </summary>
    public static string ForDebianPackage(string name, string version, string architecture, string distro)
    {
        var purl = new StringBuilder("pkg:deb/debian/");
        purl.Append(Encode(name)).Append('@').Append(Encode(version));
        purl.Append("?arch=").Append(Encode(architecture));
        purl.Append("&distro=").Append(Encode(distro));
        return purl.ToString();
    }

    /// <summary>Percent-encodes one purl component.</summary>
    public static string Encode(string component)
    {
        var encoded = new StringBuilder(component.Length);
        foreach (var octet in Encoding.UTF8.GetBytes(component))
        {
            if (IsKeptAsIs(octet))
            {
                encoded.Append((char)octet);
            }
            else
            {
                encoded.Append('%').Append(octet.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    private static bool IsKeptAsIs(byte octet) =>
        char.IsAsciiLetterOrDigit((char)octet)
        || octet is (byte)'.' or (byte)'-' or (byte)'_' or (byte)'~' or (byte)':';
}
