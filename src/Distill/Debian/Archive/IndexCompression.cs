namespace Distill.Debian.Archive;

/// <summary>The compression of a Packages index file, known from its name's suffix.</summary>
internal enum IndexCompression
{
    None,
    Gzip,
    Xz,
}
