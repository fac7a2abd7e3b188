namespace Distill.Dockerfiles;

/// <summary>The kind of image a stage starts from, which decides what the linter can assume about its files.</summary>
public enum BaseImageKind
{
    /// <summary>The empty image: no files, no shell, no /etc/passwd.</summary>
    Scratch,

    /// <summary>An image that Distill builds: static, base-nossl, base or cc.</summary>
    Distill,

    /// <summary>An image of Google's distroless project under gcr.io/distroless/.</summary>
    GoogleDistroless,

    /// <summary>Any other image, taken to have /bin/sh.</summary>
    Other,
}
