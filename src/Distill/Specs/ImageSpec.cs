using Distill.Applications;
using Distill.Building;
using Distill.Debian.Archive;

namespace Distill.Specs;

/// <summary>
/// The image an image spec file describes: the settings of `distill build` options, with null for each
/// setting the file leaves out. A null <see cref="Base"/> asks for the smallest base image of the distroless
/// family that runs the entrypoint program.
/// </summary>
public sealed record ImageSpec
{
    public BaseImage? Base { get; init; }

    public DebianDistro? Distro { get; init; }

    public IReadOnlyList<string>? Architectures { get; init; }

    public bool? Nonroot { get; init; }

    public bool? Debug { get; init; }

    public IReadOnlyList<string> Packages { get; init; } = [];

    public IReadOnlyList<string> ExcludedPackages { get; init; } = [];

    public ApplicationSpec Application { get; init; } = new();
}

/// <summary>An image spec file that is not valid YAML or does not follow the spec's schema.</summary>
public sealed class ImageSpecException(string message) : DistillException(message);
