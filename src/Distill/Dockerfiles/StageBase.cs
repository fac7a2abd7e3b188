using System.Text.RegularExpressions;

namespace Distill.Dockerfiles;

/// <summary>
/// The image a stage starts from, classified by its reference alone; nothing is fetched.
/// <para>
/// Distill images are recognised in three spellings. A registry reference whose repository path ends in
/// distill/NAME, where NAME is static, base-nossl, base or cc, optionally followed by -debian12 or
/// -debian13 (distill/cc, registry.example.com/team/distill/base-debian12:nonroot). An OCI layout or
/// archive as podman and buildah name it, oci:DIR:TAG, oci-archive:FILE:TAG or
/// docker-archive:FILE:NAME:TAG, whose tag or name starts with NAME (oci:out/images:cc-debian12). Google's
/// distroless images are every repository under gcr.io/distroless/. A tag that contains "debug" is a debug
/// variant, with busybox's shell at /busybox/sh, and a tag that contains "nonroot" runs as nonroot (65532)
/// in /home/nonroot.
/// </para>
/// </summary>
public sealed partial record StageBase(
    string Reference,
    BaseImageKind Kind,
    bool Debug,
    bool Nonroot,
    bool KnownContents,
    string? Repository = null)
{
    /// <summary>The PATH of Distill's and Google's distroless images.</summary>
    public const string DistrolessPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>Whether the image has /bin/sh, which Docker runs the shell form with.</summary>
    public bool HasShell => Kind == BaseImageKind.Other;

    /// <summary>Whether the image's /etc/passwd lists only root, nobody and nonroot, as Distill's does.</summary>
    public bool HasDistrolessAccounts => Kind is BaseImageKind.Distill or BaseImageKind.GoogleDistroless;

    /// <summary>The working directory of the image's config.</summary>
    public string DefaultWorkdir => Nonroot ? "/home/nonroot" : "/";

    /// <summary>
    /// Whether the image's entrypoint is known to be empty: true for scratch and for the non-debug images of the
    /// static, base-nossl, base and cc family. Google's language images (python3, java, nodejs) set one.
    /// </summary>
    public bool HasEmptyEntrypoint => KnownContents && !Debug;

    public static StageBase Classify(string reference)
    {
        if (reference.Equals("scratch", StringComparison.OrdinalIgnoreCase))
        {
            return new StageBase(reference, BaseImageKind.Scratch, false, false, true);
        }

        var transport = TransportPattern().Match(reference);
        if (transport.Success)
        {
            return ClassifyLocalImage(reference, transport.Groups[1].Value, transport.Groups[2].Value);
        }

        const string dockerTransport = "docker://";
        var name = reference.StartsWith(dockerTransport, StringComparison.Ordinal)
            ? reference[dockerTransport.Length..]
            : reference;
        return ClassifyRegistryImage(reference, name);
    }

    /// <summary>
    /// Names the debug variant of the image for messages, such as "gcr.io/distroless/static-debian12:debug",
    /// or returns null for scratch, debug and other images.
    /// </summary>
    public string? DebugVariant()
    {
        if (Kind is BaseImageKind.Scratch or BaseImageKind.Other || Debug)
        {
            return null;
        }

        return Repository is null
            ? "a debug variant (distill build --debug)"
            : $"{Repository}:{(Nonroot ? "debug-nonroot" : "debug")}";
    }

    private static StageBase ClassifyLocalImage(string reference, string transport, string location)
    {
        // oci:DIR:TAG and oci-archive:FILE:TAG name the image by TAG, docker-archive:FILE:NAME:TAG by NAME:TAG.
        var parts = location.Split(':');
        var isDistill = transport == "docker-archive"
            ? parts.Length >= 3 && IsDistillPath(parts[^2])
            : parts.Length >= 2 && FamilyPattern().IsMatch(parts[^1]);
        if (!isDistill)
        {
            return new StageBase(reference, BaseImageKind.Other, false, false, false);
        }

        var tag = parts[^1];
        return new StageBase(reference, BaseImageKind.Distill, tag.Contains("debug"), tag.Contains("nonroot"), true);
    }

    private static StageBase ClassifyRegistryImage(string reference, string name)
    {
        var withoutDigest = name.Split('@')[0];
        var lastSlash = withoutDigest.LastIndexOf('/');
        var colon = withoutDigest.LastIndexOf(':');
        var tag = colon > lastSlash ? withoutDigest[(colon + 1)..] : "";
        var repository = colon > lastSlash ? withoutDigest[..colon] : withoutDigest;
        var debug = tag.Contains("debug");
        var nonroot = tag.Contains("nonroot");

        if (repository.StartsWith("gcr.io/distroless/", StringComparison.Ordinal))
        {
            var image = repository["gcr.io/distroless/".Length..];
            return new StageBase(reference, BaseImageKind.GoogleDistroless, debug, nonroot,
                FamilyPattern().IsMatch(image), repository);
        }

        return IsDistillPath(repository)
            ? new StageBase(reference, BaseImageKind.Distill, debug, nonroot, true, repository)
            : new StageBase(reference, BaseImageKind.Other, false, false, false, repository);
    }

    /// <summary>Whether a repository path ends in distill/NAME for a name of the distroless family.</summary>
    private static bool IsDistillPath(string repository)
    {
        var components = repository.Split('/');
        return components.Length >= 2 && components[^2] == "distill" && FamilyPattern().IsMatch(components[^1]);
    }

    [GeneratedRegex("^(oci|oci-archive|docker-archive):(.+)$")]
    private static partial Regex TransportPattern();

    /// <summary>static, base-nossl, base or cc, optionally followed by -debian12 or -debian13 and more.</summary>
    [GeneratedRegex("^(static|base-nossl|base|cc)(-debian1[23])?($|[-:])")]
    private static partial Regex FamilyPattern();
}
