using System.Net;
using Distill.Building;
using Distill.Debian;
using Distill.Debian.Archive;

namespace Distill.Locking;

/// <summary>
/// A package source that returns the records of a lock file instead of resolving names in the archive.
/// Each .deb comes through the archive's verified download and cache, from the mirror recorded in the lock,
/// and is checked against the locked SHA-256 and size.
/// </summary>
public sealed class LockedPackageSource(LockFile lockFile, string path, IPackageSource archive) : IPackageSource
{
    /// <summary>
    /// Rejects a request for another image, variant, distro or architecture than the lock file records,
    /// naming both, because the locked package set would not be the one the request needs.
    /// </summary>
    public void CheckMatches(ImageRequest request)
    {
        var requested = BaseImageCatalog.NameOf(request.Image) + Variant(request.Nonroot, request.Debug);
        var locked = lockFile.Image + Variant(lockFile.Nonroot, lockFile.Debug);
        if (requested != locked || request.Distro.Name != lockFile.Distro)
        {
            throw new LockFileMismatchException(
                $"lock file {path} is for {locked} on {lockFile.Distro}, but the build requests {requested} on "
                + $"{request.Distro.Name}: pass the same image and options, or create a lock file for this image "
                + $"with 'distill lock {BaseImageCatalog.NameOf(request.Image)} --output FILE'");
        }

        foreach (var architecture in request.Architectures)
        {
            CheckArchitecture(architecture);
        }
    }

    /// <summary>Returns the locked record of each name, rejecting a name or architecture the lock lacks.</summary>
    public Task<IReadOnlyList<PackageRecord>> FindAsync(
        DebianDistro distro, string architecture, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        if (distro.Name != lockFile.Distro)
        {
            throw new LockFileMismatchException(
                $"lock file {path} is for {lockFile.Distro}, but the build requests {distro.Name}: pass "
                + $"--distro {lockFile.Distro}, or lock {distro.Name} with 'distill lock IMAGE --distro {distro.Name} "
                + "--output FILE'");
        }

        var packages = CheckArchitecture(architecture).Packages
            .ToDictionary(package => package.Package, StringComparer.Ordinal);
        var missing = names.Where(name => !packages.ContainsKey(name)).ToList();
        var extra = packages.Keys.Except(names, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            throw new LockFileMismatchException(
                $"lock file {path} does not list the packages of this image for {architecture}: missing "
                + $"{Describe(missing)}, not needed {Describe(extra)}. Run 'distill lock --update {path}' to "
                + "resolve the packages again");
        }

        IReadOnlyList<PackageRecord> records = [.. names.Select(name => ToRecord(packages[name]))];
        return Task.FromResult(records);
    }

    /// <summary>
    /// Downloads the locked .deb, or takes it from the cache. A 404 for its Filename or a digest that differs
    /// from the lock raises an error naming the package and the way to move to the current versions.
    /// </summary>
    public async Task<string> FetchDebAsync(PackageRecord record, CancellationToken cancellationToken)
    {
        try
        {
            return await archive.FetchDebAsync(record, cancellationToken);
        }
        catch (MirrorUnreachableException error) when (error.StatusCode == HttpStatusCode.NotFound)
        {
            throw new LockedPackageNotFoundException(
                $"{record.Package} {record.Version} ({record.Architecture}) is locked in {path}, but the mirror "
                + $"no longer serves {record.Filename} ({error.Url}). Run 'distill lock --update {path}', or "
                + "'distill lock IMAGE --output FILE', to move to the current versions", error);
        }
        catch (DigestMismatchException error)
        {
            throw new LockedPackageDigestException(
                $"{record.Package} {record.Version} ({record.Architecture}) does not match lock file {path}: "
                + $"locked SHA-256 {error.ExpectedSha256} ({error.ExpectedSize} bytes), downloaded SHA-256 "
                + $"{error.ActualSha256} ({error.ActualSize} bytes) for {record.Filename}. The mirror changed or "
                + "corrupted the file; retry later, or check the mirror before locking again", error);
        }
    }

    private LockedArchitecture CheckArchitecture(string architecture) =>
        lockFile.Find(architecture) ?? throw new LockFileMismatchException(
            $"lock file {path} has no packages for {architecture}, only for "
            + $"{string.Join(", ", lockFile.Architectures.Select(locked => locked.Architecture))}: add it with "
            + $"'distill lock {lockFile.Image} --arch {architecture} ... --output {path}'");

    // NOTE: the record carries only the locked fields, so an SBOM of a locked build has no Maintainer.
    private static PackageRecord ToRecord(LockedPackage package)
    {
        var paragraph = new ControlParagraph();
        paragraph.Set("Package", package.Package);
        if (package.Source is not null)
        {
            paragraph.Set("Source", package.Source);
        }

        paragraph.Set("Version", package.Version);
        paragraph.Set("Architecture", package.Architecture);
        paragraph.Set("Filename", package.Filename);
        paragraph.Set("Size", package.Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        paragraph.Set("SHA256", package.Sha256);
        return PackageRecord.FromParagraph(paragraph, new Uri(package.Mirror));
    }

    private static string Variant(bool nonroot, bool debug) => (nonroot ? ":nonroot" : "") + (debug ? " (debug)" : "");

    private static string Describe(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
