namespace Distill.Debian.Archive;

/// <summary>One repository URI and one suite from an enabled "deb" entry of apt's sources.</summary>
public sealed record AptSourceEntry(Uri Uri, string Suite);
