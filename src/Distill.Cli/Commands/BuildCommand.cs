using System.CommandLine;
using Distill.Building;
using Distill.Debian.Archive;
using Distill.Output;
using Microsoft.Extensions.Logging;

namespace Distill.Cli.Commands;

/// <summary>`distill build IMAGE`: builds a base image of the distroless family and writes it to each output.</summary>
public sealed class BuildCommand
{
    private readonly CommonOptions common = new();

    private readonly RegistryOptions registry = new();

    private readonly Argument<string> image = new("image")
    {
        Description = "the image to build: static, base-nossl, base or cc",
    };

    private readonly Option<string> distro = new("--distro")
    {
        Description = "the Debian release: debian12 or debian13",
        DefaultValueFactory = _ => "debian13",
    };

    private readonly Option<string[]> architectures = new("--arch")
    {
        Description = "Debian architectures, repeated or comma-separated: amd64, arm64 (default: the host's)",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<bool> nonroot = new("--nonroot")
    {
        Description = "run as the nonroot user (65532) in /home/nonroot instead of root",
    };

    private readonly Option<bool> debug = new("--debug")
    {
        Description = "add busybox in /busybox and make its shell the entrypoint",
    };

    private readonly Option<string[]> outputs = new("--output", "-o")
    {
        Description = "where to write the image, repeatable: oci:DIR[:TAG], docker-archive:FILE[:NAME:TAG] or "
            + "docker://HOST[:PORT]/REPO[:TAG]",
        Required = true,
    };

    public Command Create()
    {
        var command = new Command("build", "Build a distroless base image from the Debian archive")
        {
            image, distro, architectures, nonroot, debug, outputs,
        };
        common.AddTo(command);
        registry.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(result, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        using var session = CommandSession.Start(result, common);
        var request = new ImageRequest(
            BaseImageCatalog.Parse(result.GetValue(image)!),
            DebianDistro.Parse(result.GetValue(distro)!),
            ParseArchitectures(result.GetValue(architectures)),
            result.GetValue(nonroot),
            result.GetValue(debug),
            ImageRequest.CreatedFromEnvironment(),
            ImageRequest.ClampTimesFromEnvironment());
        var targets = result.GetValue(outputs)!.Select(OutputReference.Parse).ToList();
        ImageOutputs.CheckArchitectures(targets, request.Architectures);

        var settings = session.ResolveSettings();
        ImageOutputs.CheckWritable(targets);

        var built = await session.RunWithProgressAsync(
            $"Building {request.Describe()}",
            () => session.CreateBuilder(settings).BuildAsync(request, cancellationToken));
        var images = built.Select(image => image.Image).ToList();

        using var registries = registry.CreateClient(result, session.Logger);
        foreach (var target in targets)
        {
            var digest = await ImageOutputs.WriteAsync(target, images, session.Store(settings), registries,
                cancellationToken);
            session.Logger.LogInformation("Wrote {Output}", target);
            Console.Out.WriteLine($"{target} {digest}");
        }

        return 0;
    }

    private const StringSplitOptions SplitOptions =
        StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;

    private static IReadOnlyList<string> ParseArchitectures(string[]? values)
    {
        var names = (values ?? [])
            .SelectMany(value => value.Split(',', SplitOptions))
            .Distinct()
            .ToList();
        if (names.Count == 0)
        {
            names.Add(HostArchitecture());
        }

        foreach (var name in names)
        {
            BaseImageCatalog.CheckArchitecture(name);
        }

        return names;
    }

    private static string HostArchitecture() =>
        System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => "amd64",
            System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
            var other => throw new DistillException(
                $"no default image architecture for this machine's {other}: pass --arch amd64 or --arch arm64"),
        };
}
