namespace Distill.Debian.Resolution;

/// <summary>
/// Raised when the requested packages cannot be installed together: a package or version is missing from
/// the archive, excluded, or in conflict with an installed version. The message shows the chain of
/// dependencies that led to each failure.
/// </summary>
public sealed class UnsatisfiableDependencyException(string message) : DistillException(message);
