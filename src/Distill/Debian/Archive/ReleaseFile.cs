using System.Globalization;

namespace Distill.Debian.Archive;

/// <summary>
/// The fields of a suite's Release file (the signed text of InRelease) that a client needs to trust
/// and find its index files, as described at https://wiki.debian.org/DebianRepository/Format.
/// </summary>
public sealed class ReleaseFile
{
    private ReleaseFile(ControlParagraph paragraph, IReadOnlyDictionary<string, ReleaseFileEntry> sha256)
    {
        Paragraph = paragraph;
        Sha256 = sha256;
        Date = ParseOptionalDate(paragraph, "Date");
        ValidUntil = ParseOptionalDate(paragraph, "Valid-Until");
        Architectures = SplitWords(paragraph["Architectures"]);
        Components = SplitWords(paragraph["Components"]);
        AcquireByHash = string.Equals(paragraph["Acquire-By-Hash"], "yes", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The whole paragraph, for fields without a property of their own.</summary>
    public ControlParagraph Paragraph { get; }

    public string? Origin => Paragraph["Origin"];

    public string? Label => Paragraph["Label"];

    public string? Suite => Paragraph["Suite"];

    public string? Codename => Paragraph["Codename"];

    public string? Version => Paragraph["Version"];

    public DateTimeOffset? Date { get; }

    /// <summary>The time after which the file must no longer be trusted, or null if it never expires.</summary>
    public DateTimeOffset? ValidUntil { get; }

    public IReadOnlyList<string> Architectures { get; }

    public IReadOnlyList<string> Components { get; }

    /// <summary>True when the mirror also serves each index at by-hash/SHA256/DIGEST beside the file.</summary>
    public bool AcquireByHash { get; }

    /// <summary>The SHA256 section: index files by path relative to the suite's directory.</summary>
    public IReadOnlyDictionary<string, ReleaseFileEntry> Sha256 { get; }

    /// <summary>Parses the text of a Release file, or the signed text of an InRelease file.</summary>
    public static ReleaseFile Parse(string text)
    {
        var paragraph = ControlFile.Parse(text).FirstOrDefault()
            ?? throw new FormatException("Release file is empty: expected a paragraph with Suite and SHA256 fields");
        return new ReleaseFile(paragraph, ParseSha256(paragraph["SHA256"]));
    }

    /// <summary>
    /// Throws <see cref="ReleaseExpiredException"/> when <paramref name="now"/> is past Valid-Until.
    /// <paramref name="source"/> names the file (its URL) in the message.
    /// </summary>
    public void CheckValidUntil(string source, DateTimeOffset now)
    {
        if (ValidUntil is { } validUntil && now > validUntil)
        {
            throw new ReleaseExpiredException(source, validUntil, now);
        }
    }

    private static Dictionary<string, ReleaseFileEntry> ParseSha256(string? section)
    {
        var entries = new Dictionary<string, ReleaseFileEntry>(StringComparer.Ordinal);
        if (section is null)
        {
            return entries;
        }

        var lines = section.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var line in lines)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3 || parts[0].Length != 64 || !parts[0].All(char.IsAsciiHexDigit)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                throw new FormatException(
                    $"invalid line in the SHA256 section of a Release file: '{line}': expected 'DIGEST SIZE PATH'");
            }

            entries[parts[2]] = new ReleaseFileEntry(parts[2], parts[0].ToLowerInvariant(), size);
        }

        return entries;
    }

    private static DateTimeOffset? ParseOptionalDate(ControlParagraph paragraph, string field)
    {
        var text = paragraph[field];
        return string.IsNullOrWhiteSpace(text) ? null : ReleaseDate.Parse(field, text);
    }

    private static string[] SplitWords(string? value) =>
        value?.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries) ?? [];
}
