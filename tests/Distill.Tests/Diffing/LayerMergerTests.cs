using Distill.Diffing;
using static Distill.Tests.Diffing.TinyEntry;

namespace Distill.Tests.Diffing;

public sealed class LayerMergerTests
{
    private static async Task<Dictionary<string, MergedFile>> MergeAsync(params IEnumerable<TinyEntry>[] layers)
    {
        var merger = new LayerMerger();
        foreach (var layer in layers)
        {
            await merger.ApplyAsync(new MemoryStream(TinyLayout.WriteTar(layer)), CancellationToken.None);
        }

        return merger.Files.ToDictionary(file => file.Path);
    }

    [Fact]
    public async Task Whiteout_RemovesLowerPathAndChildren()
    {
        var files = await MergeAsync(
            [Directory("etc/"), File("etc/keep", "k"), Directory("etc/gone"), File("etc/gone/child", "c")],
            [File("etc/.wh.gone", "")]);

        Assert.Equal(["etc", "etc/keep"], files.Keys.Order());
    }

    [Fact]
    public async Task OpaqueDirectory_KeepsOwnLayerEntries()
    {
        var files = await MergeAsync(
            [Directory("opt"), File("opt/old", "o"), Directory("opt/sub"), File("opt/sub/deep", "d")],
            [File("opt/new", "n"), File("opt/.wh..wh..opq", "")]);

        Assert.Equal(["opt", "opt/new"], files.Keys.Order());
    }

    [Fact]
    public async Task Whiteout_DoesNotHideOwnLayerEntry()
    {
        var files = await MergeAsync([File("a", "1")], [File("a", "2"), File(".wh.a", "")]);

        Assert.True(files.ContainsKey("a"));
        Assert.Equal(1, files["a"].Size);
    }

    [Fact]
    public async Task FileOverDirectory_RemovesChildren()
    {
        var files = await MergeAsync([Directory("x"), File("x/y", "y")], [File("x", "now a file")]);

        Assert.Equal(["x"], files.Keys);
        Assert.Equal(MergedFileType.RegularFile, files["x"].Type);
    }

    [Fact]
    public async Task Hardlink_TakesTargetDigestAndSize()
    {
        var files = await MergeAsync([File("./usr/bin/tool", "tool"), Hardlink("usr/bin/alias", "./usr/bin/tool")]);

        var alias = files["usr/bin/alias"];
        Assert.Equal(MergedFileType.Hardlink, alias.Type);
        Assert.Equal("usr/bin/tool", alias.LinkTarget);
        Assert.Equal(files["usr/bin/tool"].Sha256, alias.Sha256);
        Assert.Equal(4, alias.Size);
    }

    [Fact]
    public async Task RegularFile_RecordsModeOwnerAndDigest()
    {
        var files = await MergeAsync([File("bin/run", "abc", mode: 0b111_101_101, uid: 65532)]);

        var file = files["bin/run"];
        Assert.Equal("0755", file.OctalMode);
        Assert.Equal(65532, file.Uid);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", file.Sha256);
    }
}
