using System.Formats.Tar;
using System.Text;

namespace Distill.Debian.Packages;

/// <summary>
/// Reads a package's control.tar: the control file, md5sums, conffiles and the maintainer scripts.
/// Other members (triggers, shlibs, symbols, templates) are read past and not kept.
/// </summary>
internal static class ControlTarReader
{
    private static readonly string[] MaintainerScriptNames = ["preinst", "postinst", "prerm", "postrm", "config"];
    private static readonly string[] RequiredFields = ["Package", "Version", "Architecture"];

    public static ControlMembers ReadMembers(Stream tar, string packageFile)
    {
        var textByName = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = new TarReader(tar, leaveOpen: true);
        while (reader.GetNextEntry(copyData: false) is { } entry)
        {
            var isFile = entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile;
            var name = PackagePath.Normalize(entry.Name, packageFile);
            if (isFile && entry.DataStream is not null)
            {
                using var text = new StreamReader(entry.DataStream, Encoding.UTF8);
                textByName[name] = text.ReadToEnd();
            }
        }

        return new ControlMembers(
            ParseControl(textByName, packageFile),
            textByName.GetValueOrDefault("md5sums"),
            ParseConffiles(textByName.GetValueOrDefault("conffiles"), packageFile),
            MaintainerScriptNames
                .Where(textByName.ContainsKey)
                .ToDictionary(script => script, script => textByName[script], StringComparer.Ordinal));
    }

    private static ControlParagraph ParseControl(Dictionary<string, string> textByName, string packageFile)
    {
        if (!textByName.TryGetValue("control", out var text))
        {
            throw new InvalidDebException(packageFile, "control.tar has no 'control' file");
        }

        List<ControlParagraph> paragraphs;
        try
        {
            paragraphs = ControlFile.Parse(text).ToList();
        }
        catch (FormatException exception)
        {
            throw new InvalidDebException(packageFile, $"its control file is invalid: {exception.Message}", exception);
        }

        if (paragraphs.Count != 1)
        {
            throw new InvalidDebException(
                packageFile, $"its control file has {paragraphs.Count} paragraphs, expected exactly one");
        }

        var missingField = RequiredFields.FirstOrDefault(field => string.IsNullOrEmpty(paragraphs[0][field]));
        if (missingField is not null)
        {
            throw new InvalidDebException(packageFile, $"its control file has no {missingField} field");
        }

        return paragraphs[0];
    }

    /// <summary>
    /// Parses the conffiles list: one absolute path a line, optionally preceded by a flag (dpkg 1.20.6 and
    /// later, see deb-conffiles(5)). Entries flagged "remove-on-upgrade" are not shipped by the package,
    /// so they are left out.
    /// </summary>
    private static List<string> ParseConffiles(string? text, string packageFile)
    {
        var conffiles = new List<string>();
        foreach (var rawLine in (text ?? "").Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var pathStart = line.IndexOf('/');
            if (pathStart < 0)
            {
                throw new InvalidDebException(packageFile, $"its conffiles line '{line}' has no absolute path");
            }

            var flags = line[..pathStart];
            if (flags.Contains("remove-on-upgrade", StringComparison.Ordinal))
            {
                continue;
            }

            conffiles.Add(line[pathStart..]);
        }

        return conffiles;
    }
}

internal sealed record ControlMembers(
    ControlParagraph Control,
    string? Md5Sums,
    IReadOnlyList<string> Conffiles,
    IReadOnlyDictionary<string, string> MaintainerScripts);
