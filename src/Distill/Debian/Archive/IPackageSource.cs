namespace Distill.Debian.Archive;

/// <summary>
/// Where a build gets its packages: the records that names resolve to, and the verified .deb of a record.
/// The Debian archive is one source; a lock file that pins every record is another.
/// </summary>
public interface IPackageSource
{
    /// <summary>Returns one record per name, in the order of the names.</summary>
    Task<IReadOnlyList<PackageRecord>> FindAsync(
        DebianDistro distro, string architecture, IReadOnlyList<string> names, CancellationToken cancellationToken);

    /// <summary>Returns the local path of the package's .deb, verified against the record's SHA-256.</summary>
    Task<string> FetchDebAsync(PackageRecord record, CancellationToken cancellationToken);
}
