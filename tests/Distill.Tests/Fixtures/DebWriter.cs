using System.Formats.Tar;

namespace Distill.Tests.Fixtures;

/// <summary>
/// Writes a <see cref="TestPackage"/> as a binary package in the format of deb(5): an ar archive of
/// "debian-binary" ("2.0\n"), control.tar and data.tar, each tar compressed as the package sets.
/// Tar members are GNU format, named "./PATH" with a trailing "/" on directories, as dpkg-deb writes them.
/// </summary>
internal static class DebWriter
{
    public static byte[] Write(TestPackage package)
    {
        var controlTar = Compression.Compress(CreateControlTar(package), package.ControlCompression);
        var dataTar = Compression.Compress(CreateDataTar(package), package.DataCompression);

        var archive = new ArArchiveWriter();
        archive.AddMember("debian-binary", "2.0\n"u8.ToArray(), package.ModificationTime);
        var controlName = "control.tar" + Compression.FileSuffix(package.ControlCompression);
        var dataName = "data.tar" + Compression.FileSuffix(package.DataCompression);
        archive.AddMember(controlName, controlTar, package.ModificationTime);
        archive.AddMember(dataName, dataTar, package.ModificationTime);
        return archive.ToArray();
    }

    private static byte[] CreateControlTar(TestPackage package)
    {
        var members = new List<TestPackageEntry>
        {
            ControlFile("control", System.Text.Encoding.UTF8.GetBytes(package.ControlText())),
            ControlFile("md5sums", PackageControl.CreateMd5Sums(package)),
        };
        members.AddRange(package.ControlMembers);
        return CreateTar(members.OrderBy(member => member.Path, StringComparer.Ordinal), package.ModificationTime);
    }

    private static byte[] CreateDataTar(TestPackage package) =>
        CreateTar(PackageControl.ArchiveEntries(package), package.ModificationTime);

    private static TestPackageEntry ControlFile(string name, byte[] content) =>
        new(name, TestEntryKind.RegularFile, TestPackageEntry.FileMode, content);

    private static byte[] CreateTar(IEnumerable<TestPackageEntry> entries, DateTimeOffset modificationTime)
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Gnu, leaveOpen: true))
        {
            var root = new TestPackageEntry(".", TestEntryKind.Directory, TestPackageEntry.DirectoryMode, []);
            writer.WriteEntry(CreateTarEntry(root, modificationTime));
            foreach (var entry in entries)
            {
                writer.WriteEntry(CreateTarEntry(entry, modificationTime));
            }
        }

        return output.ToArray();
    }

    private static GnuTarEntry CreateTarEntry(TestPackageEntry entry, DateTimeOffset modificationTime)
    {
        var (type, name) = entry.Kind switch
        {
            TestEntryKind.RegularFile => (TarEntryType.RegularFile, "./" + entry.Path),
            TestEntryKind.Directory => (TarEntryType.Directory, entry.Path == "." ? "./" : $"./{entry.Path}/"),
            TestEntryKind.SymbolicLink => (TarEntryType.SymbolicLink, "./" + entry.Path),
            TestEntryKind.HardLink => (TarEntryType.HardLink, "./" + entry.Path),
            _ => throw new ArgumentOutOfRangeException(nameof(entry), entry.Kind, "unknown entry kind"),
        };
        var tarEntry = new GnuTarEntry(type, name)
        {
            Mode = entry.Mode,
            Uid = entry.UserId,
            Gid = entry.GroupId,
            UserName = entry.UserName,
            GroupName = entry.GroupName,
            ModificationTime = modificationTime,
            AccessTime = modificationTime,
            ChangeTime = modificationTime,
        };

        if (entry.Kind == TestEntryKind.SymbolicLink)
        {
            tarEntry.LinkName = entry.LinkTarget!;
        }
        else if (entry.Kind == TestEntryKind.HardLink)
        {
            tarEntry.LinkName = "./" + entry.LinkTarget;
        }
        else if (entry.Kind == TestEntryKind.RegularFile)
        {
            tarEntry.DataStream = new MemoryStream(entry.Content, writable: false);
        }

        return tarEntry;
    }
}
