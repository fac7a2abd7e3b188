using System.Text;

namespace Distill.Debian;

/// <summary>
/// A Debian package version, [epoch:]upstream_version[-debian_revision], ordered as dpkg orders it
/// (Debian policy 5.6.12). Versions that dpkg considers equal are equal here, so "1.0", "0:1.0" and
/// "1.0-0" are one version, while <see cref="ToString"/> still returns the text that was parsed.
/// </summary>
public sealed class DebianVersion : IComparable<DebianVersion>, IEquatable<DebianVersion>
{
    private readonly string text;

    private DebianVersion(string text, int epoch, string upstream, string revision)
    {
        this.text = text;
        Epoch = epoch;
        Upstream = upstream;
        Revision = revision;
    }

    /// <summary>The epoch, 0 when the version has none.</summary>
    public int Epoch { get; }

    public string Upstream { get; }

    /// <summary>The Debian revision, empty for a native package.</summary>
    public string Revision { get; }

    /// <summary>
    /// Parses a version, ignoring leading and trailing whitespace. Any other character outside policy's set,
    /// an empty part or a non-numeric epoch throws <see cref="InvalidDebianVersionException"/>.
    /// </summary>
    public static DebianVersion Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new InvalidDebianVersionException(trimmed, "it is empty");
        }

        var epoch = ParseEpoch(trimmed, out var rest);
        var hyphen = rest.LastIndexOf('-');
        var upstream = hyphen < 0 ? rest : rest[..hyphen];
        var revision = hyphen < 0 ? "" : rest[(hyphen + 1)..];

        CheckUpstream(trimmed, upstream);
        if (hyphen >= 0)
        {
            CheckRevision(trimmed, revision);
        }

        return new DebianVersion(trimmed, epoch, upstream, revision);
    }

    /// <summary>Parses a version, returning false instead of throwing when the text is not one.</summary>
    public static bool TryParse(string? text, out DebianVersion? version)
    {
        version = null;
        if (text is null)
        {
            return false;
        }

        try
        {
            version = Parse(text);
            return true;
        }
        catch (InvalidDebianVersionException)
        {
            return false;
        }
    }

    public int CompareTo(DebianVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (Epoch != other.Epoch)
        {
            return Epoch.CompareTo(other.Epoch);
        }

        var upstream = CompareFragment(Upstream, other.Upstream);
        return upstream != 0 ? upstream : CompareFragment(Revision, other.Revision);
    }

    public bool Equals(DebianVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is DebianVersion other && Equals(other);

    public override int GetHashCode() =>
        HashCode.Combine(Epoch, NormalizeNumbers(Upstream), NormalizeNumbers(Revision));

    /// <summary>Returns the version exactly as it was parsed, without surrounding whitespace.</summary>
    public override string ToString() => text;

    public static bool operator ==(DebianVersion? left, DebianVersion? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(DebianVersion? left, DebianVersion? right) => !(left == right);

    public static bool operator <(DebianVersion? left, DebianVersion? right) => Compare(left, right) < 0;

    public static bool operator >(DebianVersion? left, DebianVersion? right) => Compare(left, right) > 0;

    public static bool operator <=(DebianVersion? left, DebianVersion? right) => Compare(left, right) <= 0;

    public static bool operator >=(DebianVersion? left, DebianVersion? right) => Compare(left, right) >= 0;

    private static int Compare(DebianVersion? left, DebianVersion? right)
    {
        if (left is null)
        {
            return right is null ? 0 : -1;
        }

        return left.CompareTo(right);
    }

    private static int ParseEpoch(string version, out string rest)
    {
        var colon = version.IndexOf(':');
        if (colon < 0)
        {
            rest = version;
            return 0;
        }

        var epochText = version[..colon];
        if (epochText.Length == 0 || !epochText.All(char.IsAsciiDigit) || !int.TryParse(epochText, out var epoch))
        {
            throw new InvalidDebianVersionException(version, $"the epoch '{epochText}' is not a non-negative integer");
        }

        rest = version[(colon + 1)..];
        return epoch;
    }

    private static void CheckUpstream(string version, string upstream)
    {
        if (upstream.Length == 0)
        {
            throw new InvalidDebianVersionException(version, "the upstream version is empty");
        }

        foreach (var c in upstream)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '+' or '~' or '-' or ':'))
            {
                throw new InvalidDebianVersionException(version, $"the upstream version contains '{c}'");
            }
        }
    }

    private static void CheckRevision(string version, string revision)
    {
        if (revision.Length == 0)
        {
            throw new InvalidDebianVersionException(version, "the Debian revision after the last '-' is empty");
        }

        foreach (var c in revision)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '+' or '~'))
            {
                throw new InvalidDebianVersionException(version, $"the Debian revision contains '{c}'");
            }
        }
    }

    /// <summary>
    /// Compares an upstream version or revision as dpkg's verrevcmp does: alternating runs of non-digits,
    /// compared character by character with <see cref="Weight"/>, and runs of digits, compared as numbers.
    /// </summary>
    private static int CompareFragment(string left, string right)
    {
        var i = 0;
        var j = 0;
        while (i < left.Length || j < right.Length)
        {
            while (IsNonDigit(left, i) || IsNonDigit(right, j))
            {
                var difference = Weight(left, i) - Weight(right, j);
                if (difference != 0)
                {
                    return difference;
                }

                i++;
                j++;
            }

            var numbers = CompareDigitRuns(left, ref i, right, ref j);
            if (numbers != 0)
            {
                return numbers;
            }
        }

        return 0;
    }

    private static bool IsNonDigit(string text, int index) => index < text.Length && !char.IsAsciiDigit(text[index]);

    /// <summary>
    /// The sort weight of one character: '~' sorts before the end of the text, which sorts before letters,
    /// which sort before every other character. A digit weighs 0 because it ends a non-digit run.
    /// </summary>
    private static int Weight(string text, int index)
    {
        if (index >= text.Length)
        {
            return 0;
        }

        var c = text[index];
        return c switch
        {
            '~' => -1,
            _ when char.IsAsciiDigit(c) => 0,
            _ when char.IsAsciiLetter(c) => c,
            _ => c + 256,
        };
    }

    private static int CompareDigitRuns(string left, ref int i, string right, ref int j)
    {
        while (i < left.Length && left[i] == '0')
        {
            i++;
        }

        while (j < right.Length && right[j] == '0')
        {
            j++;
        }

        var firstDifference = 0;
        while (i < left.Length && char.IsAsciiDigit(left[i]) && j < right.Length && char.IsAsciiDigit(right[j]))
        {
            if (firstDifference == 0)
            {
                firstDifference = left[i] - right[j];
            }

            i++;
            j++;
        }

        if (i < left.Length && char.IsAsciiDigit(left[i]))
        {
            return 1;
        }

        if (j < right.Length && char.IsAsciiDigit(right[j]))
        {
            return -1;
        }

        return firstDifference;
    }

    /// <summary>
    /// Strips leading zeros from every digit run, so that versions that compare equal ("1.01" and "1.1",
    /// "1.0" and "1.") hash alike.
    /// </summary>
    private static string NormalizeNumbers(string fragment)
    {
        var normalized = new StringBuilder(fragment.Length);
        var atRunStart = true;
        foreach (var c in fragment)
        {
            if (c == '0' && atRunStart)
            {
                continue;
            }

            atRunStart = !char.IsAsciiDigit(c);
            normalized.Append(c);
        }

        return normalized.ToString();
    }
}
