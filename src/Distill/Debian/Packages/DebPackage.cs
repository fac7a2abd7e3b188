using Distill.Content;

namespace Distill.Debian.Packages;

/// <summary>
/// The contents of one .deb: its control paragraph and metadata files from control.tar, and the
/// entries of data.tar. <see cref="PackageFile"/> is the path or name the package was read from.
/// </summary>
public sealed record DebPackage(
    string PackageFile,
    ControlParagraph Control,
    string? Md5Sums,
    IReadOnlyList<string> Conffiles,
    IReadOnlyDictionary<string, string> MaintainerScripts,
    IReadOnlyList<FileEntry> Files)
{
    public string Name => Control.Require("Package");

    public string Version => Control.Require("Version");

    public string Architecture => Control.Require("Architecture");
}
