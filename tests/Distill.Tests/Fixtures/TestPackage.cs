using System.Text;

namespace Distill.Tests.Fixtures;

/// <summary>
/// A binary package to build as a real .deb: its control fields, its data.tar members, extra
/// control.tar members (maintainer scripts, conffiles) and the compression of each member.
/// The With* methods change this instance and return it, so calls chain.
/// Building is deterministic: the same package gives the same bytes.
/// </summary>
public sealed class TestPackage
{
    /// <summary>The default maintainer, in the form Debian uses.</summary>
    public const string DefaultMaintainer = "Distill Test Maintainers <tests@distill.invalid>";

    /// <summary>The time stamp of every ar and tar member, so that builds are reproducible.</summary>
    public static readonly DateTimeOffset DefaultModificationTime = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<TestPackageEntry> entries = [];
    private readonly List<TestPackageEntry> controlMembers = [];
    private readonly List<KeyValuePair<string, string>> extraFields = [];

    public TestPackage(string name, string version, string architecture = "amd64")
    {
        Name = name;
        Version = version;
        Architecture = architecture;
    }

    public string Name { get; }
    public string Version { get; }
    public string Architecture { get; }
    public string? Source { get; set; }
    public string Maintainer { get; set; } = DefaultMaintainer;
    public string? Depends { get; set; }
    public string? PreDepends { get; set; }
    public string? Provides { get; set; }
    public string? MultiArch { get; set; }
    public string Section { get; set; } = "misc";
    public string Priority { get; set; } = "optional";
    public bool Essential { get; set; }

    /// <summary>The Description field: a synopsis line, optionally followed by "\n" and the long text.</summary>
    public string? Description { get; set; }

    public CompressionFormat ControlCompression { get; set; } = CompressionFormat.Xz;
    public CompressionFormat DataCompression { get; set; } = CompressionFormat.Xz;
    public DateTimeOffset ModificationTime { get; set; } = DefaultModificationTime;

    public IReadOnlyList<TestPackageEntry> Entries => entries;
    public IReadOnlyList<TestPackageEntry> ControlMembers => controlMembers;

    /// <summary>Fields added after the standard ones, such as Homepage or Built-Using.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ExtraFields => extraFields;

    /// <summary>The source package name, without a version in brackets.</summary>
    public string SourceName => (Source ?? Name).Split(' ')[0];

    /// <summary>The file name that Debian gives the .deb: the version has no epoch.</summary>
    public string FileName => $"{Name}_{StripEpoch(Version)}_{Architecture}.deb";

    public TestPackage WithSource(string source) => Set(() => Source = source);
    public TestPackage WithDepends(string depends) => Set(() => Depends = depends);
    public TestPackage WithPreDepends(string preDepends) => Set(() => PreDepends = preDepends);
    public TestPackage WithProvides(string provides) => Set(() => Provides = provides);
    public TestPackage WithMultiArch(string multiArch) => Set(() => MultiArch = multiArch);
    public TestPackage WithDescription(string description) => Set(() => Description = description);
    public TestPackage WithMaintainer(string maintainer) => Set(() => Maintainer = maintainer);
    public TestPackage WithField(string name, string value) => Set(() => extraFields.Add(new(name, value)));

    public TestPackage WithCompression(CompressionFormat control, CompressionFormat data) =>
        Set(() => (ControlCompression, DataCompression) = (control, data));

    /// <summary>Adds a regular file. Parent directories that were not added get mode 0755.</summary>
    public TestPackage WithFile(string path, byte[] content, UnixFileMode mode = TestPackageEntry.FileMode) =>
        WithEntry(new(TestPackageEntry.NormalizePath(path), TestEntryKind.RegularFile, mode, content));

    public TestPackage WithFile(string path, string content, UnixFileMode mode = TestPackageEntry.FileMode) =>
        WithFile(path, Encoding.UTF8.GetBytes(content), mode);

    public TestPackage WithDirectory(string path, UnixFileMode mode = TestPackageEntry.DirectoryMode) =>
        WithEntry(new(TestPackageEntry.NormalizePath(path), TestEntryKind.Directory, mode, []));

    /// <summary>Adds a symbolic link at <paramref name="path"/> whose target is written as given.</summary>
    public TestPackage WithSymlink(string path, string target) =>
        WithEntry(new(
            TestPackageEntry.NormalizePath(path),
            TestEntryKind.SymbolicLink,
            TestPackageEntry.SymbolicLinkMode,
            [],
            target));

    /// <summary>Adds a hard link to a regular file added earlier at <paramref name="existingPath"/>.</summary>
    public TestPackage WithHardLink(string path, string existingPath)
    {
        var target = TestPackageEntry.NormalizePath(existingPath);
        var existing = entries.FirstOrDefault(entry => entry.Path == target && entry.Kind == TestEntryKind.RegularFile)
            ?? throw new ArgumentException($"hard link target '{existingPath}' is not a regular file of {Name}");
        return WithEntry(new(TestPackageEntry.NormalizePath(path), TestEntryKind.HardLink, existing.Mode, [], target));
    }

    /// <summary>Adds any entry, for owners other than root or other special cases.</summary>
    public TestPackage WithEntry(TestPackageEntry entry) => Set(() => entries.Add(entry));

    /// <summary>Adds a member of control.tar, such as "postinst" (mode 0755) or "conffiles".</summary>
    public TestPackage WithControlMember(string name, string content, UnixFileMode mode = TestPackageEntry.FileMode)
    {
        if (name is "control" or "md5sums")
        {
            throw new ArgumentException($"control member '{name}' is generated from the package and cannot be set");
        }

        return Set(() => controlMembers.Add(new(
            TestPackageEntry.NormalizePath(name), TestEntryKind.RegularFile, mode, Encoding.UTF8.GetBytes(content))));
    }

    /// <summary>Builds the .deb file: an ar archive of debian-binary, control.tar and data.tar.</summary>
    public byte[] BuildDeb() => DebWriter.Write(this);

    /// <summary>Returns the control paragraph as written into control.tar.</summary>
    public string ControlText() => PackageControl.Create(this).ToString();

    public override string ToString() => $"{Name}_{Version}_{Architecture}";

    internal static string StripEpoch(string version)
    {
        var colon = version.IndexOf(':');
        return colon < 0 ? version : version[(colon + 1)..];
    }

    private TestPackage Set(Action change)
    {
        change();
        return this;
    }
}
