using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Distill.Tests.Diffing;

/// <summary>One entry of a hand-made layer: a file with text content, a directory, or a symlink or hard link.</summary>
public sealed record TinyEntry(string Name, TarEntryType Type, string Content = "", string? LinkName = null,
    int Mode = 0b110_100_100, int Uid = 0)
{
    public static TinyEntry File(string name, string content, int mode = 0b110_100_100, int uid = 0) =>
        new(name, TarEntryType.RegularFile, content, Mode: mode, Uid: uid);

    public static TinyEntry Directory(string name) => new(name, TarEntryType.Directory, Mode: 0b111_101_101);

    public static TinyEntry Symlink(string name, string target) =>
        new(name, TarEntryType.SymbolicLink, LinkName: target, Mode: 0b111_111_111);

    public static TinyEntry Hardlink(string name, string target) => new(name, TarEntryType.HardLink, LinkName: target);
}

/// <summary>Writes a small OCI image layout of gzip layers, built entry by entry, tagged "tiny".</summary>
public static class TinyLayout
{
    public const string Tag = "tiny";

    public static byte[] WriteTar(IEnumerable<TinyEntry> entries)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var item in entries)
            {
                var entry = new PaxTarEntry(item.Type, item.Name)
                {
                    Mode = (UnixFileMode)item.Mode,
                    Uid = item.Uid,
                    ModificationTime = DateTimeOffset.UnixEpoch,
                };
                if (item.LinkName is not null)
                {
                    entry.LinkName = item.LinkName;
                }

                if (item.Type == TarEntryType.RegularFile)
                {
                    entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(item.Content));
                }

                writer.WriteEntry(entry);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Writes the layout to <paramref name="directory"/> with a config that sets User.</summary>
    public static void Write(string directory, string user, params IEnumerable<TinyEntry>[] layers)
    {
        var blobs = Path.Combine(directory, "blobs", "sha256");
        System.IO.Directory.CreateDirectory(blobs);
        var layerDescriptors = new JsonArray();
        var diffIds = new JsonArray();
        foreach (var layer in layers)
        {
            var tar = WriteTar(layer);
            using var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(tar);
            }

            layerDescriptors.Add(Describe("application/vnd.oci.image.layer.v1.tar+gzip",
                WriteBlob(blobs, compressed.ToArray())));
            diffIds.Add("sha256:" + Convert.ToHexStringLower(SHA256.HashData(tar)));
        }

        var config = new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["config"] = new JsonObject { ["User"] = user },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds },
        };
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = Describe("application/vnd.oci.image.config.v1+json",
                WriteBlob(blobs, Encoding.UTF8.GetBytes(config.ToJsonString()))),
            ["layers"] = layerDescriptors,
        };
        var manifestDescriptor = Describe("application/vnd.oci.image.manifest.v1+json",
            WriteBlob(blobs, Encoding.UTF8.GetBytes(manifest.ToJsonString())));
        manifestDescriptor["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = Tag };
        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["manifests"] = new JsonArray(manifestDescriptor),
        };
        File.WriteAllText(Path.Combine(directory, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        File.WriteAllText(Path.Combine(directory, "index.json"), index.ToJsonString());
    }

    private static (string Digest, long Size) WriteBlob(string blobs, byte[] content)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(content));
        File.WriteAllBytes(Path.Combine(blobs, hex), content);
        return ("sha256:" + hex, content.Length);
    }

    private static JsonObject Describe(string mediaType, (string Digest, long Size) blob) => new()
    {
        ["mediaType"] = mediaType,
        ["digest"] = blob.Digest,
        ["size"] = blob.Size,
    };
}
