namespace Distill.Applications;

/// <summary>
/// A regular file whose bytes are given inline (the <c>content</c> of an image spec's file) rather than read
/// from the host. <see cref="Destination"/> is root-relative ("etc/app/config.toml").
/// </summary>
public sealed record InlineFile(string Destination, byte[] Content, int Mode, int Uid, int Gid);

/// <summary>A directory to create in the image; <see cref="Path"/> is root-relative ("var/lib/app").</summary>
public sealed record AddedDirectory(string Path, int Mode, int Uid, int Gid);

/// <summary>
/// A symbolic link to create in the image, owned by root. <see cref="Path"/> is root-relative, and
/// <see cref="Target"/> is stored as written, absolute or relative to the link's directory.
/// </summary>
public sealed record AddedSymlink(string Path, string Target);
