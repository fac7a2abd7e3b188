using System.Text;
using System.Text.RegularExpressions;

namespace Distill.Sbom;

/// <summary>
/// Maps the short license names of Debian copyright files (DEP-5 section "License specification") to
/// SPDX license IDs. A name that is neither in the table nor a GNU license with a version becomes
/// "LicenseRef-NAME", with characters that SPDX does not allow in an ID replaced by '-'.
/// </summary>
internal static partial class DebianLicenseNames
{
    private static readonly Dictionary<string, string> SpdxIds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Apache-1.0"] = "Apache-1.0",
        ["Apache-1.1"] = "Apache-1.1",
        ["Apache-2"] = "Apache-2.0",
        ["Apache-2.0"] = "Apache-2.0",

        // Debian's "Artistic" is the Perl Artistic License in /usr/share/common-licenses/Artistic.
        ["Artistic"] = "Artistic-1.0-Perl",
        ["Artistic-1.0"] = "Artistic-1.0",
        ["Artistic-2.0"] = "Artistic-2.0",
        ["BSD-2-clause"] = "BSD-2-Clause",
        ["BSD-3-clause"] = "BSD-3-Clause",
        ["BSD-4-clause"] = "BSD-4-Clause",
        ["BSL-1.0"] = "BSL-1.0",
        ["bzip2-1.0.6"] = "bzip2-1.0.6",
        ["CC-BY-3.0"] = "CC-BY-3.0",
        ["CC-BY-4.0"] = "CC-BY-4.0",
        ["CC-BY-SA-3.0"] = "CC-BY-SA-3.0",
        ["CC-BY-SA-4.0"] = "CC-BY-SA-4.0",
        ["CC0"] = "CC0-1.0",
        ["CC0-1.0"] = "CC0-1.0",
        ["curl"] = "curl",
        ["EPL-1.0"] = "EPL-1.0",
        ["EPL-2.0"] = "EPL-2.0",
        ["Expat"] = "MIT",
        ["FTL"] = "FTL",
        ["ICU"] = "ICU",
        ["ISC"] = "ISC",
        ["MIT"] = "MIT",
        ["MPL-1.1"] = "MPL-1.1",
        ["MPL-2.0"] = "MPL-2.0",
        ["OFL-1.1"] = "OFL-1.1",
        ["OpenSSL"] = "OpenSSL",
        ["PostgreSQL"] = "PostgreSQL",
        ["PSF-2"] = "PSF-2.0",
        ["Python-2.0"] = "Python-2.0",
        ["SIL-OFL-1.1"] = "OFL-1.1",
        ["Unicode-DFS-2016"] = "Unicode-DFS-2016",
        ["Unlicense"] = "Unlicense",
        ["WTFPL"] = "WTFPL",
        ["X11"] = "X11",
        ["Zlib"] = "Zlib",
        ["Zope-2.1"] = "ZPL-2.1",
        ["ZPL-2.1"] = "ZPL-2.1",
    };

    /// <summary>
    /// SPDX exception IDs for the words between "with" and "exception" in DEP-5. Each entry is keyed by
    /// the SPDX license ID it applies to, because GCC and Autoconf have one exception per GPL version.
    /// </summary>
    private static readonly Dictionary<(string License, string Words), string> ExceptionIds = new()
    {
        [("GPL-2.0-or-later", "Autoconf")] = "Autoconf-exception-2.0",
        [("GPL-3.0-or-later", "Autoconf")] = "Autoconf-exception-3.0",
        [("GPL-2.0-or-later", "Bison")] = "Bison-exception-2.2",
        [("GPL-3.0-or-later", "Bison")] = "Bison-exception-2.2",
        [("GPL-2.0-only", "Classpath")] = "Classpath-exception-2.0",
        [("GPL-2.0-or-later", "Classpath")] = "Classpath-exception-2.0",
        [("GPL-2.0-or-later", "Font")] = "Font-exception-2.0",
        [("GPL-3.0-or-later", "Font")] = "Font-exception-2.0",
        [("GPL-3.0-or-later", "GCC")] = "GCC-exception-3.1",
        [("GPL-3.0-or-later", "GCC-3.1")] = "GCC-exception-3.1",
        [("GPL-2.0-or-later", "Libtool")] = "Libtool-exception",
    };

    /// <summary>Debian names that stand for a choice of licenses.</summary>
    private static readonly Dictionary<string, LicenseExpression> Choices = new(StringComparer.OrdinalIgnoreCase)
    {
        // "Perl" in Debian copyright files means Perl's own terms: Artistic or GPL version 1 or later.
        ["Perl"] = LicenseExpression.Or([new LicenseTerm("Artistic-1.0-Perl"), new LicenseTerm("GPL-1.0-or-later")]),
    };

    /// <summary>Every SPDX license and exception ID that the tables produce, for tests against the SPDX list.</summary>
    internal static IEnumerable<string> ListedIds =>
        SpdxIds.Values.Concat(ExceptionIds.Values).Concat(ExceptionIds.Keys.Select(key => key.License)).Distinct();

    [GeneratedRegex(@"^(GPL|LGPL|AGPL|GFDL|GFDL-NIV)-?(\d+(?:\.\d+)?)?(\+|-or-later|-only)?$", RegexOptions.IgnoreCase)]
    private static partial Regex GnuLicensePattern();

    /// <summary>Returns the SPDX expression for one Debian license name such as "GPL-2+" or "Expat".</summary>
    public static LicenseExpression ToSpdx(string debianName)
    {
        if (Choices.TryGetValue(debianName, out var choice))
        {
            return choice;
        }

        return new LicenseTerm(ToSpdxId(debianName));
    }

    /// <summary>
    /// Returns "LICENSE WITH EXCEPTION" when SPDX lists the exception for that license, and otherwise one
    /// LicenseRef naming both, because SPDX 2.3 allows only listed exceptions after WITH.
    /// </summary>
    public static LicenseExpression WithException(string debianName, string exceptionWords)
    {
        var license = ToSpdxId(debianName);
        if (ExceptionIds.TryGetValue((license, exceptionWords), out var exception))
        {
            return new LicenseTerm(license, exception);
        }

        return new LicenseTerm(LicenseRef($"{license}-with-{exceptionWords}-exception"));
    }

    /// <summary>Returns "LicenseRef-" and the name, with characters outside [A-Za-z0-9.-] replaced by '-'.</summary>
    public static string LicenseRef(string name)
    {
        var id = new StringBuilder("LicenseRef-", 11 + name.Length);
        foreach (var character in name)
        {
            id.Append(char.IsAsciiLetterOrDigit(character) || character is '.' or '-' ? character : '-');
        }

        return id.ToString();
    }

    private static string ToSpdxId(string debianName)
    {
        if (SpdxIds.TryGetValue(debianName, out var id))
        {
            return id;
        }

        var gnu = GnuLicensePattern().Match(debianName);
        if (gnu.Success)
        {
            return GnuLicenseId(gnu);
        }

        return LicenseRef(debianName);
    }

    /// <summary>
    /// Writes a GNU license as SPDX does: the version with a minor number, then "-only" or "-or-later".
    /// A name without a version ("GPL") allows any version, so it becomes version 1.0 or later.
    /// </summary>
    private static string GnuLicenseId(Match gnu)
    {
        var family = gnu.Groups[1].Value.ToUpperInvariant();
        var version = gnu.Groups[2].Success ? gnu.Groups[2].Value : "1";
        if (!version.Contains('.'))
        {
            version += ".0";
        }

        var suffix = gnu.Groups[3].Value;
        var orLater = suffix is "+"
            || suffix.Equals("-or-later", StringComparison.OrdinalIgnoreCase)
            || !gnu.Groups[2].Success;
        if (family == "GFDL-NIV")
        {
            return $"GFDL-{version}-no-invariants-{(orLater ? "or-later" : "only")}";
        }

        return $"{family}-{version}-{(orLater ? "or-later" : "only")}";
    }
}
