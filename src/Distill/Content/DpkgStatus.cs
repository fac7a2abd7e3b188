using Distill.Debian;

namespace Distill.Content;

/// <summary>
/// The dpkg database of a distroless image: one file per package under var/lib/dpkg/status.d, as CVE
/// scanners expect in an image without dpkg. Each contains the package's control paragraph with
/// "Status: install ok installed" after the Package field, and PACKAGE.md5sums lists its files.
/// </summary>
public static class DpkgStatus
{
    public const string Directory = "var/lib/dpkg/status.d";

    /// <summary>Returns the status paragraph of an installed package, in dpkg's field order.</summary>
    public static string FormatStatus(ControlParagraph control)
    {
        var status = new ControlParagraph();
        foreach (var (name, value) in control.Fields)
        {
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            status.Set(name, value);
            if (name.Equals("Package", StringComparison.OrdinalIgnoreCase))
            {
                status.Set("Status", "install ok installed");
            }
        }

        return status.ToString();
    }

    /// <summary>
    /// Adds the status file of a package, and its md5sums file when the package has one. Lines of the
    /// md5sums file whose path the image leaves out are dropped, so that it lists only files present.
    /// </summary>
    public static void AddTo(
        FileTree tree, ControlParagraph control, string? md5sums, Func<string, bool> isPresent, DateTimeOffset time)
    {
        var name = control.Require("Package");
        tree.Set(SystemFiles.TextFile($"{Directory}/{name}", FormatStatus(control), time));
        if (md5sums is null)
        {
            return;
        }

        var presentLines = md5sums
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.Length > 34 && isPresent(line[34..].TrimStart()))
            .Select(line => line + "\n");
        tree.Set(SystemFiles.TextFile($"{Directory}/{name}.md5sums", string.Concat(presentLines), time));
    }
}
