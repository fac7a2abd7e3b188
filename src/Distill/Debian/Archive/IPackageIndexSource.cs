namespace Distill.Debian.Archive;

/// <summary>A package source that can load the whole index of a distro for one architecture.</summary>
public interface IPackageIndexSource
{
    /// <summary>Loads every package of the distro for the architecture, the newest version of each name.</summary>
    Task<PackageIndex> LoadAsync(DebianDistro distro, string architecture, CancellationToken cancellationToken);
}
