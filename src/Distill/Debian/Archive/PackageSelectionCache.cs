using System.Security.Cryptography;
using System.Text;

namespace Distill.Debian.Archive;

/// <summary>
/// Remembers which records a set of package names resolved to, for one set of verified InRelease files,
/// so that a build whose InRelease files have not changed skips decompressing and parsing the Packages
/// indexes. A selection is stored at DIRECTORY/selections/KEY, where KEY is a SHA-256 over the InRelease
/// digests, the architecture, the component and the names; a changed InRelease gives a new key. Files are
/// renamed into place whole, so a reader sees a complete selection or none.
/// </summary>
internal sealed class PackageSelectionCache(string cacheDirectory)
{
    private const string FormatVersion = "distill-selection-1";
    private const string MirrorField = "X-Distill-Mirror";

    private readonly string directory = Path.Combine(cacheDirectory, "selections");

    public static string Key(
        IEnumerable<string> inReleaseDigests, string architecture, string component, IEnumerable<string> names)
    {
        var text = new StringBuilder(FormatVersion).Append('\n');
        text.AppendJoin(',', inReleaseDigests).Append('\n').Append(architecture).Append('\n').Append(component);
        text.Append('\n').AppendJoin(',', names.Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Returns the stored records, or null when there are none or the file is unreadable.</summary>
    public IReadOnlyList<PackageRecord>? TryLoad(string key)
    {
        var path = Path.Combine(directory, key);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return ControlFile.Parse(File.ReadAllText(path)).Select(FromStored).ToList();
        }
        catch (Exception error) when (error is FormatException or IOException)
        {
            return null;
        }
    }

    public void Save(string key, IEnumerable<PackageRecord> records)
    {
        var text = new StringBuilder();
        foreach (var record in records)
        {
            text.Append(record.Paragraph);
            if (record.MirrorUri is not null)
            {
                text.Append(MirrorField).Append(": ").Append(record.MirrorUri.AbsoluteUri).Append('\n');
            }

            text.Append('\n');
        }

        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".tmp-{Guid.NewGuid():N}");
        File.WriteAllText(temp, text.ToString());
        File.Move(temp, Path.Combine(directory, key), overwrite: true);
    }

    private static PackageRecord FromStored(ControlParagraph stored)
    {
        var paragraph = new ControlParagraph();
        foreach (var (name, value) in stored.Fields)
        {
            if (!name.Equals(MirrorField, StringComparison.OrdinalIgnoreCase))
            {
                paragraph.Set(name, value);
            }
        }

        var mirror = stored[MirrorField] is { } uri ? new Uri(uri) : null;
        return PackageRecord.FromParagraph(paragraph, mirror);
    }
}
