using Distill.Building;
using Distill.Debian.Archive;

namespace Distill.Locking;

/// <summary>Resolves the packages of an image request the way a build does, and records them in a lock file.</summary>
public static class ImageLocker
{
    /// <summary>
    /// Finds the records of every package of the image for each requested architecture, with
    /// <see cref="IPackageSource.FindAsync"/> as <see cref="BaseImageBuilder"/> calls it.
    /// </summary>
    public static async Task<LockFile> LockAsync(
        IPackageSource source, ImageRequest request, ArchiveSettings settings, CancellationToken cancellationToken)
    {
        var names = PackageNames(request);
        var architectures = new List<LockedArchitecture>();
        foreach (var architecture in request.Architectures)
        {
            var records = await source.FindAsync(request.Distro, architecture, names, cancellationToken);
            var packages = records.Select(record => Lock(record, settings)).ToList();
            architectures.Add(new LockedArchitecture(architecture, packages));
        }

        var lockFile = new LockFile(
            LockFile.CurrentVersion,
            request.Distro.Name,
            BaseImageCatalog.NameOf(request.Image),
            request.Nonroot,
            request.Debug,
            settings.Mirror.AbsoluteUri,
            settings.SecurityMirror.AbsoluteUri,
            architectures);
        return lockFile.Sorted();
    }

    /// <summary>Returns the package names of the image's layers, as the build resolves them.</summary>
    public static IReadOnlyList<string> PackageNames(ImageRequest request) =>
        [.. BaseImageCatalog.LayersFor(request.Image, request.Distro, request.Debug)
            .SelectMany(recipe => recipe.Packages)];

    private static LockedPackage Lock(PackageRecord record, ArchiveSettings settings) => new(
        record.Package,
        record.Version.ToString(),
        record.Architecture,
        record.Filename,
        record.Size,
        record.Sha256,
        (record.MirrorUri ?? settings.Mirror).AbsoluteUri,
        record.Paragraph["Source"]);
}
