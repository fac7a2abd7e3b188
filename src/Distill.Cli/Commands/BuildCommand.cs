using System.CommandLine;
using Distill.Building;
using Distill.Debian.Archive;
using Distill.Output;
using Distill.Sbom;
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

    private readonly Option<string[]> sboms = new("--sbom")
    {
        Description = "SBOM formats to attach to each image, repeated or comma-separated: spdx, cyclonedx. An OCI "
            + "layout or registry gets OCI artifacts whose subject is the image (read them with 'distill sbom'); a "
            + "docker archive FILE gets FILE.spdx.json and FILE.cdx.json beside it",
        AllowMultipleArgumentsPerToken = false,
    };

    public Command Create()
    {
        var command = new Command("build", "Build a distroless base image from the Debian archive")
        {
            image, distro, architectures, nonroot, debug, outputs, sboms,
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
        var formats = ParseSbomFormats(result.GetValue(sboms));
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
            await AttachSbomsAsync(session, target, built, request, formats, session.Store(settings), registries,
                cancellationToken);
            Console.Out.WriteLine($"{target} {digest}");
        }

        return 0;
    }

    /// <summary>Attaches one SBOM per format to each image of the build, after the images are written.</summary>
    private static async Task AttachSbomsAsync(CommandSession session, OutputReference target,
        IReadOnlyList<BuiltImage> built, ImageRequest request, IReadOnlyList<SbomFormat> formats,
        Blobs.BlobStore store, Registry.RegistryClient registries, CancellationToken cancellationToken)
    {
        if (formats.Count == 0)
        {
            return;
        }

        var name = SbomOutputs.SubjectName(target, BaseImageCatalog.NameOf(request.Image));
        var documents = built
            .SelectMany(image => formats.Select(format => new ImageSbom(
                image.Image.ManifestDescriptor,
                format,
                format.Serialize(image.CreateSbom(name, request.Distro)),
                image.Image.Config.Created)))
            .ToList();
        var locations = await SbomOutputs.AttachAsync(target, documents, store, registries, cancellationToken);
        for (var index = 0; index < documents.Count; index++)
        {
            session.Logger.LogInformation("Attached the {Format} SBOM of {Image} to {Output}: {Location}",
                documents[index].Format.Name(), documents[index].Image.Digest, target, locations[index]);
        }
    }

    private static IReadOnlyList<SbomFormat> ParseSbomFormats(string[]? values) =>
        (values ?? [])
            .SelectMany(value => value.Split(',', SplitOptions))
            .Select(SbomFormats.Parse)
            .Distinct()
            .ToList();

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

    /// <summary>Returns the Debian architecture of this machine, the default of --arch.</summary>
    internal static string HostArchitecture() =>
        System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => "amd64",
            System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
            var other => throw new DistillException(
                $"no default image architecture for this machine's {other}: pass --arch amd64 or --arch arm64"),
        };
}
