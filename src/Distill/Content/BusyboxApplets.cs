using System.Text;

namespace Distill.Content;

/// <summary>
/// Reads the applet names compiled into a busybox binary without running it. Busybox keeps them in
/// .rodata as one string table, applet_names, which applets/applet_tables.c generates at build time.
/// It sorts the names with qsort and strcmp, ends each with NUL, and the C string literal adds one more
/// NUL after the last name. The table starts with the applets "[" and "[[", so with the bytes "[\0[[\0".
/// </summary>
public static class BusyboxApplets
{
    /// <summary>Where Debian installs the busybox-static binary: usr/bin in Debian 13, bin in Debian 12.</summary>
    public static readonly IReadOnlyList<string> BinaryPaths = ["usr/bin/busybox", "bin/busybox"];

    private const int MinAppletCount = 16;
    private const int MaxNameLength = 64;

    // applet_tables.c stops the build when the names take more than 0xFFFF bytes.
    private const int MaxTableLength = 0xFFFF;
    private static readonly byte[] TableStart = "[\0[[\0"u8.ToArray();

    /// <summary>
    /// Returns the applet names of a busybox binary in table order, each once. Raises
    /// <see cref="BusyboxAppletsNotFoundException"/> when no occurrence of "[\0[[\0" starts a valid table.
    /// </summary>
    public static IReadOnlyList<string> Read(ReadOnlySpan<byte> binary)
    {
        var candidates = 0;
        string? firstProblem = null;
        var searchFrom = 0;
        while (binary[searchFrom..].IndexOf(TableStart) is var found and >= 0)
        {
            var start = searchFrom + found;
            candidates++;
            var names = TryReadTable(binary[start..], out var problem);
            if (names is not null)
            {
                return names;
            }

            firstProblem ??= $"the table at offset {start} is invalid: {problem}";
            searchFrom = start + 1;
        }

        throw new BusyboxAppletsNotFoundException(
            candidates == 0 ? "the applet name table, which starts with \"[\\0[[\\0\", is missing" : firstProblem!);
    }

    private static List<string>? TryReadTable(ReadOnlySpan<byte> table, out string problem)
    {
        var names = new List<string>();
        var position = 0;
        while (true)
        {
            var length = table[position..].IndexOf((byte)0);
            if (length < 0)
            {
                problem = "the table runs to the end of the binary";
                return null;
            }

            if (length == 0)
            {
                break;
            }

            var name = table.Slice(position, length);
            if (!IsValidName(name))
            {
                problem = $"entry {names.Count} is not an applet name";
                return null;
            }

            names.Add(Encoding.ASCII.GetString(name));
            position += length + 1;
            if (position > MaxTableLength)
            {
                problem = $"it is longer than {MaxTableLength} bytes";
                return null;
            }
        }

        problem = CheckTable(names) ?? "";
        return problem.Length == 0 ? names.Distinct().ToList() : null;
    }

    private static string? CheckTable(List<string> names)
    {
        if (names.Count < MinAppletCount)
        {
            return $"it has {names.Count} entries, fewer than {MinAppletCount}";
        }

        // Equal neighbours are accepted: some builds list an applet twice, which strcmp order allows.
        for (var i = 1; i < names.Count; i++)
        {
            if (string.CompareOrdinal(names[i - 1], names[i]) > 0)
            {
                return $"'{names[i - 1]}' comes before '{names[i]}', so the names are not sorted";
            }
        }

        return names.Contains("sh") ? null : "it does not contain 'sh'";
    }

    /// <summary>Accepts printable ASCII without '/' or spaces, as in the applet names of Debian 12 and 13.</summary>
    private static bool IsValidName(ReadOnlySpan<byte> name)
    {
        if (name.Length > MaxNameLength)
        {
            return false;
        }

        foreach (var character in name)
        {
            if (character <= (byte)' ' || character >= 0x7F || character == (byte)'/')
            {
                return false;
            }
        }

        return true;
    }
}
