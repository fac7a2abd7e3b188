using System.Text;
using Distill.Content;
using Xunit;

namespace Distill.Tests.Content;

public sealed class BusyboxAppletsTests
{
    private static readonly string[] SortedNames =
    [
        "[", "[[", "ar", "ash", "cat", "cp", "date", "echo", "gzip", "head", "ls", "mkdir", "mv", "rm", "sh",
        "tail", "true", "wget",
    ];

    [Fact]
    public void Read_TableInsideBinary_ReturnsNames()
    {
        var binary = Binary("\x7f" + "ELF junk\0" + Table(SortedNames) + "\0/var/log/wtmp\0");

        var applets = BusyboxApplets.Read(binary);

        Assert.Equal(SortedNames, applets);
    }

    [Fact]
    public void Read_InvalidCandidateBeforeTable_IsSkipped()
    {
        var binary = Binary("[\0[[\0not sorted\0a\0\0" + Table(SortedNames));

        var applets = BusyboxApplets.Read(binary);

        Assert.Equal(SortedNames, applets);
    }

    [Fact]
    public void Read_DuplicateName_ReturnedOnce()
    {
        string[] names = [.. SortedNames[..5], SortedNames[4], .. SortedNames[5..]];

        var applets = BusyboxApplets.Read(Binary(Table(names)));

        Assert.Equal(SortedNames, applets);
    }

    [Fact]
    public void Read_TableOver64KiB_Throws()
    {
        var names = SortedNames.Concat(Enumerable.Range(0, 8000).Select(i => $"zz{i:D6}"));

        var error = Assert.Throws<BusyboxAppletsNotFoundException>(() => BusyboxApplets.Read(Binary(Table(names))));

        Assert.Contains("longer than 65535 bytes", error.Message);
    }

    [Fact]
    public void Read_NoTable_Throws()
    {
        var error = Assert.Throws<BusyboxAppletsNotFoundException>(
            () => BusyboxApplets.Read(Binary("#!/bin/sh\necho not busybox\n")));

        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public void Read_UnsortedTable_Throws()
    {
        string[] names = [.. SortedNames];
        (names[5], names[6]) = (names[6], names[5]);

        var error = Assert.Throws<BusyboxAppletsNotFoundException>(() => BusyboxApplets.Read(Binary(Table(names))));

        Assert.Contains("'date' comes before 'cp', so the names are not sorted", error.Message);
    }

    [Fact]
    public void Read_TableWithoutSh_Throws()
    {
        var names = SortedNames.Where(name => name != "sh").ToArray();

        var error = Assert.Throws<BusyboxAppletsNotFoundException>(() => BusyboxApplets.Read(Binary(Table(names))));

        Assert.Contains("does not contain 'sh'", error.Message);
    }

    [Fact]
    public void Read_TooFewNames_Throws()
    {
        var error = Assert.Throws<BusyboxAppletsNotFoundException>(
            () => BusyboxApplets.Read(Binary(Table(["[", "[[", "sh"]))));

        Assert.Contains("it has 3 entries", error.Message);
    }

    [Fact]
    public void Read_NonAsciiName_Throws()
    {
        string[] names = [.. SortedNames[..^1], "wgét"];

        var error = Assert.Throws<BusyboxAppletsNotFoundException>(() => BusyboxApplets.Read(Binary(Table(names))));

        Assert.Contains($"entry {names.Length - 1} is not an applet name", error.Message);
    }

    [Fact]
    public void Read_UnterminatedTable_Throws()
    {
        var binary = Binary(string.Join('\0', SortedNames));

        var error = Assert.Throws<BusyboxAppletsNotFoundException>(() => BusyboxApplets.Read(binary));

        Assert.Contains("runs to the end of the binary", error.Message);
    }

    /// <summary>Lays out names as busybox's applet_names: each ends with NUL, and one more NUL ends it.</summary>
    private static string Table(IEnumerable<string> names) =>
        string.Concat(names.Select(name => name + "\0")) + "\0";

    private static byte[] Binary(string text) => Encoding.UTF8.GetBytes(text);
}
