namespace Distill.Debian.Archive;

/// <summary>
/// The base URLs of a Debian mirror (serving CODENAME and CODENAME-updates) and of a security mirror
/// (serving CODENAME-security).
/// </summary>
public sealed record DebianMirrors(Uri Mirror, Uri SecurityMirror);
