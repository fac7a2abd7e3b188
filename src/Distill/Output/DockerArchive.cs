using System.Formats.Tar;
using Distill.Blobs;
using Distill.Images;

namespace Distill.Output;

/// <summary>
/// Writes an image as a docker-archive tar, the format of "docker save", which "docker load" and
/// "podman load" read. The archive contains manifest.json, the image config and the gzip-compressed layers,
/// each stored as blobs/sha256/HEX.
/// </summary>
public static class DockerArchive
{
    private const string BlobDirectory = "blobs/sha256/";

    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead
        | UnixFileMode.OtherRead;

    private const UnixFileMode DirectoryMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute
        | UnixFileMode.OtherExecute;

    /// <summary>
    /// Writes the archive to a temporary file beside <paramref name="file"/>, or beside the file a symlink there
    /// points to, and renames it into place. The
    /// loaded image is named NAME:TAG, where the tag defaults to "latest", or is untagged without a name.
    /// Returns the digest of the image config, which "docker load" reports as the image ID.
    /// </summary>
    public static Digest Write(string file, string? name, string? tag, Image image, BlobStore store)
    {
        var value = $"{OutputReference.DockerArchivePrefix}{file}:{name}:{tag}";
        DockerArchiveReference.Validate(value, name, tag);
        var repoTag = name is null ? null : $"{name}:{tag ?? DockerArchiveReference.DefaultTag}";

        // A symlink stays a symlink: the archive replaces the file it points to.
        if (new FileInfo(file).LinkTarget is not null)
        {
            file = new FileInfo(file).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? file;
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        AtomicFile.Write(file, stream => WriteTar(stream, repoTag, image, store));
        return image.ConfigDescriptor.Digest;
    }

    /// <summary>
    /// Writes the only image of <paramref name="index"/>, and throws <see cref="MultipleArchitecturesException"/>
    /// when the index has several.
    /// </summary>
    public static Digest Write(string file, string? name, string? tag, ImageIndex index, BlobStore store) =>
        index.Images.Count == 1
            ? Write(file, name, tag, index.Images[0], store)
            : throw new MultipleArchitecturesException(index.Images.Select(image => image.Platform));

    private static void WriteTar(Stream output, string? repoTag, Image image, BlobStore store)
    {
        using var writer = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true);
        WriteDirectory(writer, "blobs/");
        WriteDirectory(writer, BlobDirectory);

        var blobs = image.Layers.Select(layer => layer.Descriptor).Prepend(image.ConfigDescriptor).Distinct();
        foreach (var blob in blobs)
        {
            using var content = store.OpenRead(blob.Digest);
            WriteFile(writer, BlobDirectory + blob.Digest.Hex, content);
        }

        using var manifest = new MemoryStream(SerializeManifest(repoTag, image));
        WriteFile(writer, "manifest.json", manifest);
    }

    /// <summary>Serializes manifest.json: one entry with Config, RepoTags and Layers.</summary>
    private static byte[] SerializeManifest(string? repoTag, Image image) =>
        CanonicalJson.Serialize(writer =>
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString("Config", BlobDirectory + image.ConfigDescriptor.Digest.Hex);
            CanonicalJson.WriteStringArrayIfAny(writer, "RepoTags", repoTag is null ? [] : [repoTag]);
            writer.WriteStartArray("Layers");
            foreach (var layer in image.Layers)
            {
                writer.WriteStringValue(BlobDirectory + layer.Digest.Hex);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
        });

    private static void WriteDirectory(TarWriter writer, string name) =>
        writer.WriteEntry(CreateEntry(TarEntryType.Directory, name, DirectoryMode));

    private static void WriteFile(TarWriter writer, string name, Stream content)
    {
        var entry = CreateEntry(TarEntryType.RegularFile, name, FileMode);
        entry.DataStream = content;
        writer.WriteEntry(entry);
    }

    /// <summary>Creates an entry owned by 0:0, with empty owner names and the Unix epoch as its time.</summary>
    private static UstarTarEntry CreateEntry(TarEntryType type, string name, UnixFileMode mode) => new(type, name)
    {
        Mode = mode,
        Uid = 0,
        Gid = 0,
        UserName = "",
        GroupName = "",
        ModificationTime = DateTimeOffset.UnixEpoch,
    };
}
