using Distill.Content;
using Distill.Debian.Archive;
using Distill.Sbom;

namespace Distill.Building;

/// <summary>Describes a built image as an <see cref="SbomDocument"/>.</summary>
public static class BuiltImageSbom
{
    /// <summary>
    /// Creates the SBOM of <paramref name="built"/> under <paramref name="name"/>: every package record with its
    /// licence, every regular file added on top with its SHA-256, and the image's created time as the
    /// document's, so the same build gives the same document.
    /// </summary>
    public static SbomDocument CreateSbom(this BuiltImage built, string name, DebianDistro distro)
    {
        var subject = new SbomSubject(name, built.Image.Digest, built.Architecture);
        var packages = built.Packages.Select(record => SbomPackage.FromRecord(
            record, distro, built.Licenses.GetValueOrDefault(record.Package, SbomPackage.NoAssertion)));
        var files = built.AddedFiles
            .Where(entry => entry.Type == FileType.RegularFile && entry.Content is not null)
            .Select(entry => SbomFile.FromContent(entry.Path, entry.Content!));
        return new SbomDocument(subject, packages, files, built.Image.Config.Created);
    }
}
