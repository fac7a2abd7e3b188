using System.CommandLine;
using Distill.Building;
using Distill.Debian.Archive;
using Distill.Specs;

namespace Distill.Cli.Commands;

/// <summary>The image argument and options that `distill build` and `distill lock` share.</summary>
public sealed class ImageOptions
{
    private const StringSplitOptions SplitOptions =
        StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;

    public Argument<string> Image { get; } = new("image")
    {
        Description = "the image to build: static, base-nossl, base or cc, or the path of an image spec (.yaml)",
    };

    public Option<string> Distro { get; } = new("--distro")
    {
        Description = "the Debian release: debian12 or debian13",
        DefaultValueFactory = _ => "debian13",
    };

    public Option<string[]> Architectures { get; } = new("--arch")
    {
        Description = "Debian architectures, repeated or comma-separated: amd64, arm64 (default: the host's)",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<bool> Nonroot { get; } = new("--nonroot")
    {
        Description = "run as the nonroot user (65532) in /home/nonroot instead of root",
    };

    public Option<bool> Debug { get; } = new("--debug")
    {
        Description = "add busybox in /busybox and make its shell the entrypoint",
    };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Image);
        command.Options.Add(Distro);
        command.Options.Add(Architectures);
        command.Options.Add(Nonroot);
        command.Options.Add(Debug);
    }

    /// <summary>
    /// Returns the request that the command line describes. Without --arch, the architectures are
    /// <paramref name="defaultArchitectures"/> when given, else the host's.
    /// </summary>
    public ImageRequest CreateRequest(ParseResult result, IReadOnlyList<string>? defaultArchitectures = null) => new(
        BaseImageCatalog.Parse(result.GetValue(Image)!),
        DebianDistro.Parse(result.GetValue(Distro)!),
        ParseArchitectures(result.GetValue(Architectures), defaultArchitectures),
        result.GetValue(Nonroot),
        result.GetValue(Debug),
        ImageRequest.CreatedFromEnvironment(),
        ImageRequest.ClampTimesFromEnvironment());

    /// <summary>
    /// Returns the request of an image spec with the options given on the command line in place of its
    /// settings. The image is <paramref name="image"/>, since the spec may leave it to be chosen.
    /// </summary>
    public ImageRequest CreateRequest(
        ParseResult result, ImageSpec spec, BaseImage image, IReadOnlyList<string>? defaultArchitectures = null)
    {
        var distro = result.GetResult(Distro) is { Implicit: false } || spec.Distro is null
            ? DebianDistro.Parse(result.GetValue(Distro)!)
            : spec.Distro;
        return new ImageRequest(
            image,
            distro,
            ParseArchitectures(result.GetValue(Architectures), spec.Architectures ?? defaultArchitectures),
            result.GetValue(Nonroot) || spec.Nonroot == true,
            result.GetValue(Debug) || spec.Debug == true,
            ImageRequest.CreatedFromEnvironment(),
            ImageRequest.ClampTimesFromEnvironment());
    }

    /// <summary>Returns the architectures that --arch names, or null when it is not given.</summary>
    public IReadOnlyList<string>? ParseArchitectureOption(ParseResult result) =>
        result.GetValue(Architectures) is { Length: > 0 } values ? ParseArchitectures(values, null) : null;

    private static IReadOnlyList<string> ParseArchitectures(string[]? values, IReadOnlyList<string>? defaults)
    {
        var names = (values ?? [])
            .SelectMany(value => value.Split(',', SplitOptions))
            .Distinct()
            .ToList();
        if (names.Count == 0)
        {
            names.AddRange(defaults ?? [HostArchitecture()]);
        }

        foreach (var name in names)
        {
            BaseImageCatalog.CheckArchitecture(name);
        }

        return names;
    }

    internal static string HostArchitecture() =>
        System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => "amd64",
            System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
            var other => throw new DistillException(
                $"no default image architecture for this machine's {other}: pass --arch amd64 or --arch arm64"),
        };
}
