using Xunit;
using System.Formats.Tar;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Distill.Blobs;
using Distill.Content;
using Distill.Layers;
using static Distill.Tests.Layers.LayerFixtures;

namespace Distill.Tests.Layers;

/// <summary>Layer tests that extract with GNU tar and check Unix modes, so they run on Linux only.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class LayerWriterTests : IDisposable
{
    private readonly TestDirectory directory = new();

    private readonly BlobStore store;

    public LayerWriterTests()
    {
        store = new BlobStore(directory.Combine("store"));
    }

    public void Dispose() => directory.Dispose();

    [Fact]
    public void EdgeCasesReadBackWithTarReader()
    {
        var entries = EdgeCases();

        var layer = LayerWriter.Write(entries, "edge cases", store);
        var read = LayerReader.Read(layer, store);

        Assert.Equal(entries.Count, read.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var expected = entries[i];
            var (actual, content) = (read[i].Entry, read[i].Content);
            var expectedName = expected.Type == FileType.Directory ? expected.Path + "/" : expected.Path;
            Assert.Equal(expectedName, actual.Name);
            Assert.Equal(ExpectedTarType(expected.Type), actual.EntryType);
            Assert.Equal((UnixFileMode)expected.Mode, actual.Mode);
            Assert.Equal(expected.Uid, actual.Uid);
            Assert.Equal(expected.Gid, actual.Gid);
            Assert.Equal(expected.ModificationTime, actual.ModificationTime);
            Assert.Equal(expected.LinkTarget ?? "", actual.LinkName);
            Assert.Equal("", ((PosixTarEntry)actual).UserName);
            Assert.Equal("", ((PosixTarEntry)actual).GroupName);
            Assert.Equal(ReadContent(expected), content);
        }
    }

    [Fact]
    public void EntriesUseUstarUnlessTheyDoNotFit()
    {
        var layer = LayerWriter.Write(EdgeCases(), "edge cases", store);
        var formats = LayerReader.Read(layer, store).ToDictionary(read => read.Entry.Name, read => read.Entry.Format);

        Assert.Equal(TarEntryFormat.Ustar, formats["usr/bin/tool"]);
        Assert.Equal(TarEntryFormat.Ustar, formats[PrefixPath]);
        Assert.Equal(TarEntryFormat.Gnu, formats[VeryLongPath]);
        Assert.Equal(TarEntryFormat.Gnu, formats[LongFileName]);
        Assert.Equal(TarEntryFormat.Gnu, formats[NonAsciiPath]);
        Assert.Equal(TarEntryFormat.Gnu, formats["long-link"]);
        Assert.Equal(TarEntryFormat.Gnu, formats["home/user/large-id"]);
    }

    [Fact]
    public void GnuEntryTimesEqualModificationTime()
    {
        var layer = LayerWriter.Write(EdgeCases(), "edge cases", store);
        var gnuEntries = LayerReader.Read(layer, store).Select(read => read.Entry).OfType<GnuTarEntry>().ToList();

        Assert.NotEmpty(gnuEntries);
        Assert.All(gnuEntries, entry => Assert.Equal(Time, entry.AccessTime));
        Assert.All(gnuEntries, entry => Assert.Equal(Time, entry.ChangeTime));
    }

    [Fact]
    public void EdgeCasesExtractedByTarTool()
    {
        var layer = LayerWriter.Write(EdgeCases(), "edge cases", store);
        var root = directory.Combine("rootfs");
        Directory.CreateDirectory(root);

        var result = ExternalTool.Run("tar", "-xzpf", store.GetPath(layer.Digest), "-C", root, "--numeric-owner");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("", result.Error);
        Assert.Equal("#!/bin/sh\necho tool\n", File.ReadAllText(Path.Combine(root, "usr/bin/tool")));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(Path.Combine(root, "usr/bin/tool")));
        Assert.Equal((UnixFileMode)0b100_111_101_101, File.GetUnixFileMode(Path.Combine(root, "usr/bin/su")));
        Assert.Equal((UnixFileMode)0b010_111_101_101, File.GetUnixFileMode(Path.Combine(root, "usr/bin/wall")));
        Assert.Equal((UnixFileMode)0b001_111_111_111, File.GetUnixFileMode(Path.Combine(root, "tmp")));
        Assert.Equal("dash", new FileInfo(Path.Combine(root, "usr/bin/sh")).LinkTarget);
        Assert.Equal(LongSymlinkTarget, new FileInfo(Path.Combine(root, "long-link")).LinkTarget);
        Assert.Equal("2", Stat(Path.Combine(root, "usr/bin/tool-link"), "%h"));
        Assert.Equal(Stat(Path.Combine(root, "usr/bin/tool"), "%i"), Stat(Path.Combine(root, "usr/bin/tool-link"), "%i"));
        Assert.Equal(Stat(Path.Combine(root, VeryLongPath), "%i"), Stat(Path.Combine(root, "deep/link-to-long"), "%i"));
        Assert.Equal("prefix", File.ReadAllText(Path.Combine(root, PrefixPath)));
        Assert.Equal("very long", File.ReadAllText(Path.Combine(root, VeryLongPath)));
        Assert.Equal("long file name", File.ReadAllText(Path.Combine(root, LongFileName)));
        Assert.Equal("non-ASCII", File.ReadAllText(Path.Combine(root, NonAsciiPath)));
        Assert.Equal(0, new FileInfo(Path.Combine(root, "empty")).Length);
        Assert.Equal("1000:1000", Stat(Path.Combine(root, "home/user/owned"), "%u:%g"));
        Assert.Equal($"{LargeId}:{LargeId}", Stat(Path.Combine(root, "home/user/large-id"), "%u:%g"));
        Assert.Equal(Time.UtcDateTime, File.GetLastWriteTimeUtc(Path.Combine(root, "usr/bin/tool")));
    }

    [Fact]
    public void TarToolListsOwnersModesAndTimes()
    {
        var layer = LayerWriter.Write(EdgeCases(), "edge cases", store);

        var listing = ExternalTool.RunChecked("tar", "-tvzf", store.GetPath(layer.Digest), "--numeric-owner",
            "--full-time", "--utc").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(EdgeCases().Count, listing.Length);
        Assert.StartsWith("-rwsr-xr-x 0/0", listing.Single(line => line.Contains("usr/bin/su")));
        Assert.StartsWith("drwxrwxrwt 0/0", listing.Single(line => line.Contains(" tmp/")));
        Assert.StartsWith("hrw-r--r-- 0/0", listing.Single(line => line.Contains("usr/bin/tool-link")));
        Assert.Contains("2023-11-14 22:13:20 usr/bin/tool", listing.Single(line => line.EndsWith(" usr/bin/tool") && line.StartsWith('-')));
        Assert.Contains($"{LargeId}/{LargeId}", listing.Single(line => line.Contains("large-id")));
    }

    [Fact]
    public void DigestsAndSizesDescribeBlobAndTar()
    {
        var layer = LayerWriter.Write(EdgeCases(), "edge cases", store);
        var blob = File.ReadAllBytes(store.GetPath(layer.Digest));
        var tar = LayerReader.Decompress(layer, store);

        Assert.Equal(MediaTypes.ImageLayerGzip, layer.Descriptor.MediaType);
        Assert.Equal(Digest.Compute(blob), layer.Digest);
        Assert.Equal(blob.Length, layer.Size);
        Assert.Equal(Digest.Compute(tar), layer.DiffId);
        Assert.Equal(tar.Length, layer.DiffSize);
        Assert.Equal("edge cases", layer.CreatedBy);
        Assert.Empty(Directory.GetFiles(Path.Combine(store.Root, "tmp")));
    }

    [Fact]
    public void EmptyLayerHasOnlyEndBlocks()
    {
        var layer = LayerWriter.Write([], "empty", store);

        Assert.Equal(1024, layer.DiffSize);
        Assert.Equal(Digest.Compute(new byte[1024]), layer.DiffId);
    }

    [Fact]
    public void UnseekableContentIsWritten()
    {
        var entry = new FileEntry("stream", FileType.RegularFile, 0b110_100_100, 0, 0, Time)
        {
            Content = new UnseekableContent(Encoding.ASCII.GetBytes("streamed")),
        };

        var layer = LayerWriter.Write([entry], "unseekable", store);

        Assert.Equal("streamed", Encoding.ASCII.GetString(LayerReader.Read(layer, store).Single().Content));
    }

    [Fact]
    public void ContentLengthMismatchIsRejected()
    {
        var entry = new FileEntry("wrong", FileType.RegularFile, 0b110_100_100, 0, 0, Time)
        {
            Content = new UnseekableContent(Encoding.ASCII.GetBytes("12345"), declaredLength: 3),
        };

        var exception = Assert.Throws<InvalidLayerEntryException>(() => LayerWriter.Write([entry], "bad", store));

        Assert.Equal("wrong", exception.Path);
        Assert.Contains("5 bytes", exception.Message);
    }

    [Theory]
    [MemberData(nameof(InvalidEntries))]
    public void InvalidEntryIsRejected(string path, FileEntry[] entries, string expectedMessage)
    {
        var exception = Assert.Throws<InvalidLayerEntryException>(() => LayerWriter.Write(entries, "invalid", store));

        Assert.Equal(path, exception.Path);
        Assert.Contains(expectedMessage, exception.Message);
    }

    [Fact]
    public void RejectedLayerStoresNothing()
    {
        Assert.Throws<InvalidLayerEntryException>(
            () => LayerWriter.Write([RegularFile("a", "x"), RegularFile("a", "y")], "duplicate", store));

        Assert.Empty(Directory.GetFiles(Path.Combine(store.Root, "sha256")));
        Assert.Empty(Directory.GetFiles(Path.Combine(store.Root, "tmp")));
    }

    public static TheoryData<string, FileEntry[], string> InvalidEntries() => new()
    {
        { "a", [RegularFile("a", "x"), RegularFile("a", "y")], "already contains this path" },
        { "a", [DirectoryEntry("a"), RegularFile("a", "y")], "already contains this path" },
        { "", [RegularFile("", "x")], "the path is empty" },
        { "/etc/passwd", [RegularFile("/etc/passwd", "x")], "starts or ends with '/'" },
        { "etc/", [DirectoryEntry("etc/")], "starts or ends with '/'" },
        { "./etc", [RegularFile("./etc", "x")], "the component '.'" },
        { "a//b", [RegularFile("a//b", "x")], "the component ''" },
        { "a/../b", [RegularFile("a/../b", "x")], "the component '..'" },
        { "a\0b", [RegularFile("a\0b", "x")], "NUL character" },
        { "a\uD800", [RegularFile("a\uD800", "x")], "unpaired UTF-16 surrogate" },
        { "a/b", [RegularFile("a", "x"), RegularFile("a/b", "y")], "its parent 'a' is a RegularFile" },
        { "a/b/c", [Symlink("a", "x"), RegularFile("a/b/c", "y")], "its parent 'a' is a Symlink" },
        { "big-mode", [RegularFile("big-mode", "x", mode: 0b1_000_000_000_000)], "the mode 10000 (octal)" },
        { "negative-mode", [RegularFile("negative-mode", "x", mode: -1)], "is outside 0 to 7777" },
        { "negative-uid", [RegularFile("negative-uid", "x", uid: -1)], "the owner -1:0 is negative" },
        { "old", [RegularFile("old", "x") with { ModificationTime = DateTimeOffset.UnixEpoch.AddSeconds(-1) }],
            "the range a tar header stores" },
        { "link", [new FileEntry("link", FileType.Symlink, 0b111_111_111, 0, 0, Time)], "the symlink has no target" },
        { "hard", [Hardlink("hard", "missing")], "'missing' is not a file written earlier in this layer" },
        { "hard", [Hardlink("hard", "later"), RegularFile("later", "x")], "'later' is not a file written earlier" },
        { "hard", [DirectoryEntry("dir"), Hardlink("hard", "dir")], "'dir' is not a file written earlier" },
        { "hard", [Hardlink("hard", "/abs")], "the hard link target '/abs' is invalid" },
        { "dir", [DirectoryEntry("dir") with { Content = new BytesContent(new byte[1]) }], "a Directory has file content" },
        { "file", [RegularFile("file", "x") with { LinkTarget = "y" }], "a RegularFile has the link target 'y'" },
    };

    private static TarEntryType ExpectedTarType(FileType type) => type switch
    {
        FileType.Directory => TarEntryType.Directory,
        FileType.RegularFile => TarEntryType.RegularFile,
        FileType.Symlink => TarEntryType.SymbolicLink,
        _ => TarEntryType.HardLink,
    };

    private static byte[] ReadContent(FileEntry entry)
    {
        if (entry.Content is null)
        {
            return [];
        }

        using var stream = entry.Content.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Stat(string path, string format) => ExternalTool.RunChecked("stat", "-c", format, path).Trim();

    /// <summary>Content whose stream cannot seek, such as a pipe or a decompressing stream.</summary>
    private sealed class UnseekableContent(byte[] bytes, long? declaredLength = null) : IFileContent
    {
        public long Length => declaredLength ?? bytes.Length;

        public Stream Open() => new System.IO.Compression.GZipStream(Compress(bytes),
            System.IO.Compression.CompressionMode.Decompress);

        private static MemoryStream Compress(byte[] data)
        {
            var output = new MemoryStream();
            using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest,
                leaveOpen: true))
            {
                gzip.Write(data);
            }

            output.Position = 0;
            return output;
        }
    }
}
