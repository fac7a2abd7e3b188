using System.Globalization;

namespace Distill.Applications;

/// <summary>
/// A file or directory of the host to add to an image, from "--add SRC:DEST[:MODE[:UID:GID]]".
/// <see cref="Destination"/> is root-relative ("app/server"). <see cref="Mode"/>, when set, replaces the
/// permission bits of the added file, or of the added directory itself but not of its contents.
/// <see cref="Uid"/> and <see cref="Gid"/> own everything the value adds.
/// </summary>
public sealed record AddedPath(string Source, string Destination, int? Mode, int Uid, int Gid)
{
    private const string Syntax = "SRC:DEST[:MODE[:UID:GID]], such as 'server:/app/server:0755:0:0'";

    /// <summary>
    /// Parses "SRC:DEST", "SRC:DEST:MODE" or "SRC:DEST:MODE:UID:GID", with MODE in octal and possibly
    /// empty ("SRC:DEST::1000:1000" keeps the host's modes). NOTE: a path that contains ':' cannot be given.
    /// </summary>
    public static AddedPath Parse(string value)
    {
        var parts = value.Split(':');
        if (parts.Length is not (2 or 3 or 5) || parts[0].Length == 0)
        {
            throw Invalid(value, $"write it as {Syntax}");
        }

        var destination = parts[1];
        if (!destination.StartsWith('/') || destination.Trim('/').Length == 0)
        {
            throw Invalid(value, "DEST must be an absolute path in the image below '/', such as '/app/server'");
        }

        var segments = destination.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(segment => segment is "." or ".."))
        {
            throw Invalid(value, "DEST must not contain '.' or '..' components");
        }

        int? mode = parts.Length >= 3 && parts[2].Length > 0 ? ParseMode(value, parts[2]) : null;
        var uid = parts.Length == 5 ? ParseId(value, parts[3], "UID") : 0;
        var gid = parts.Length == 5 ? ParseId(value, parts[4], "GID") : 0;
        return new AddedPath(parts[0], string.Join('/', segments), mode, uid, gid);
    }

    private static int ParseMode(string value, string text)
    {
        try
        {
            var mode = Convert.ToInt32(text, 8);
            if (mode is >= 0 and <= 0b111_111_111_111)
            {
                return mode;
            }
        }
        catch (FormatException)
        {
        }

        throw Invalid(value, $"MODE '{text}' must be octal permission bits from 0 to 7777, such as 0755 or 4755");
    }

    private static int ParseId(string value, string text, string name)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id <= 0x1F_FFFF)
        {
            return id;
        }

        throw Invalid(value, $"{name} '{text}' must be a number from 0 to 2097151");
    }

    private static DistillException Invalid(string value, string fix) =>
        new($"invalid --add '{value}': {fix}");
}
