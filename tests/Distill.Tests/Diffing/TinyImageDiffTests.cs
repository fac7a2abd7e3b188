using System.Text.Json.Nodes;
using Distill.Copying;
using Distill.Diffing;
using Distill.Output;
using Distill.Tests.EndToEnd;
using Distill.Tests.Layers;
using static Distill.Tests.Diffing.TinyEntry;

namespace Distill.Tests.Diffing;

/// <summary>
/// Compares two hand-made OCI layouts: the first has a second layer with a whiteout and an opaque directory, so
/// the paths those hide must not appear in either image's files or in the differences.
/// </summary>
public sealed class TinyImageDiffTests : IDisposable
{
    private readonly TestDirectory directory = new();

    public TinyImageDiffTests()
    {
        TinyLayout.Write(directory.Combine("first"), "0",
        [
            Directory("etc"), File("etc/a", "a"), File("etc/b", "b"), Directory("opt"), File("opt/x", "x"),
            Directory("opt/sub"), File("opt/sub/y", "y"), File("usr/bin/old", "old"),
        ],
        [
            File("etc/.wh.b", ""), File("opt/.wh..wh..opq", ""), File("opt/z", "z"),
            File("usr/bin/tool", "tool", mode: 0b111_101_101), Hardlink("usr/bin/alias", "usr/bin/tool"),
        ]);
        TinyLayout.Write(directory.Combine("second"), "1000",
        [
            Directory("etc"), File("etc/a", "a2"), File("etc/new", "n"), Directory("opt"),
            File("opt/z", "z", mode: 0b111_101_101), File("usr/bin/tool", "tool", mode: 0b111_101_101, uid: 1000),
            Symlink("usr/bin/alias", "tool"),
        ]);
    }

    public void Dispose() => directory.Dispose();

    private string Reference(string name) => $"oci:{directory.Combine(name)}:{TinyLayout.Tag}";

    private async Task<ImageDiff> CompareAsync()
    {
        var first = await LoadAsync("first");
        var second = await LoadAsync("second");
        return ImageDiff.Compare(first, second);
    }

    private async Task<ImageSnapshot> LoadAsync(string name)
    {
        var source = new OciLayoutImageSource((OciLayoutReference)OutputReference.Parse(Reference(name)));
        return await ImageSnapshot.LoadAsync(source, null, CancellationToken.None);
    }

    [Fact]
    public async Task Layers_ApplyWhiteoutAndOpaqueDirectory()
    {
        var first = await LoadAsync("first");

        Assert.Equal(["etc", "etc/a", "opt", "opt/z", "usr/bin/alias", "usr/bin/old", "usr/bin/tool"],
            first.Files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, first.LayerCount);
    }

    [Fact]
    public async Task Files_ReportEachChange()
    {
        var diff = await CompareAsync();

        var changes = diff.Files.ToDictionary(change => change.Path);
        Assert.Equal(["etc/a", "etc/new", "opt/z", "usr/bin/alias", "usr/bin/old", "usr/bin/tool"],
            changes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(ChangeKind.Added, changes["etc/new"].Kind);
        Assert.Equal(ChangeKind.Removed, changes["usr/bin/old"].Kind);
        Assert.Equal(["content"], changes["etc/a"].Aspects);
        Assert.Equal(["mode"], changes["opt/z"].Aspects);
        Assert.Equal(["owner"], changes["usr/bin/tool"].Aspects);
        Assert.Equal(["type", "mode", "link target"], changes["usr/bin/alias"].Aspects);
    }

    [Fact]
    public async Task Config_ReportsUser()
    {
        var diff = await CompareAsync();

        var change = Assert.Single(diff.Config);
        Assert.Equal(new ConfigChange("User", "0", "1000"), change);
        Assert.Empty(diff.Packages);
    }

    [Fact]
    public async Task Json_ParsesWithExitCode()
    {
        var result = await DistillProcess.RunAsync(
            ["diff", Reference("first"), Reference("second"), "--json", "--exit-code"]);

        Assert.Equal(1, result.ExitCode);
        var root = JsonNode.Parse(result.StandardOutput)!;
        Assert.False(root["identical"]!.GetValue<bool>());
        var files = root["files"]!.AsArray();
        Assert.Equal(6, files.Count);
        var added = files.Single(file => file!["path"]!.GetValue<string>() == "etc/new")!;
        Assert.Equal("added", added["change"]!.GetValue<string>());
        Assert.Equal(1, added["new"]!["size"]!.GetValue<long>());
        Assert.Null(added["old"]);
        Assert.Equal(2, root["images"]![0]!["layers"]!.GetValue<int>());
    }

    [Fact]
    public async Task Tables_ListFilesAndSummary()
    {
        var result = await DistillProcess.RunSuccessfullyAsync(["diff", Reference("first"), Reference("second")]);

        Assert.Contains("Files: 1 added, 1 removed, 4 changed", result.StandardOutput);
        Assert.Contains("changed (type, mode, link target)", result.StandardOutput);
        Assert.Contains("The images differ.", result.StandardOutput);
    }
}
