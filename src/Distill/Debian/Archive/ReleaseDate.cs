using System.Globalization;

namespace Distill.Debian.Archive;

/// <summary>
/// Parses the dates of Release files, which use RFC 2822 syntax ("Sat, 21 Nov 2026 09:15:44 UTC"). Debian's
/// archive writes "UTC", and the parser also accepts "GMT", "Z" and numeric zones ("+0000").
/// </summary>
internal static class ReleaseDate
{
    private static readonly string[] MonthNames =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static DateTimeOffset Parse(string field, string text)
    {
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = tokens.Length > 0 && tokens[0].EndsWith(',') ? 1 : 0;
        if (tokens.Length - start != 5)
        {
            throw Invalid(field, text);
        }

        var month = Array.IndexOf(MonthNames, tokens[start + 1]) + 1;
        var valid = int.TryParse(tokens[start], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            & int.TryParse(tokens[start + 2], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            & TimeSpan.TryParseExact(tokens[start + 3], @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var time)
            & TryParseZone(tokens[start + 4], out var offset);
        if (!valid || month == 0 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month))
        {
            throw Invalid(field, text);
        }

        return new DateTimeOffset(year, month, day, 0, 0, 0, offset).Add(time).ToUniversalTime();
    }

    private static bool TryParseZone(string zone, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (zone is "UTC" or "GMT" or "UT" or "Z")
        {
            return true;
        }

        if (zone.Length != 5 || zone[0] is not ('+' or '-') || !zone[1..].All(char.IsAsciiDigit))
        {
            return false;
        }

        offset = new TimeSpan(int.Parse(zone[1..3], CultureInfo.InvariantCulture),
            int.Parse(zone[3..5], CultureInfo.InvariantCulture), 0);
        if (zone[0] == '-')
        {
            offset = -offset;
        }

        return offset < TimeSpan.FromHours(14) && offset > TimeSpan.FromHours(-14);
    }

    private static FormatException Invalid(string field, string text) =>
        new($"invalid {field} date '{text}': expected RFC 2822 format, such as 'Sat, 21 Nov 2026 09:15:44 UTC'");
}
