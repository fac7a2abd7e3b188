using Distill.Debian.Archive;

namespace Distill.Debian.Resolution;

/// <summary>
/// A package that resolution adds, with the reason it came in: "requested", or "needed by libfoo for
/// Depends: libbar (>= 2)". <see cref="Chain"/> names the packages from the requested one down to this one.
/// </summary>
public sealed record ResolvedPackage(PackageRecord Record, string Reason, IReadOnlyList<string> Chain)
{
    public override string ToString() => $"{Record.Package} {Record.Version}: {Reason}";
}
