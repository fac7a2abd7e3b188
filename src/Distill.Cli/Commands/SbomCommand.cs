using System.CommandLine;
using Distill.Output;
using Distill.Referrers;
using Distill.Sbom;

namespace Distill.Cli.Commands;

/// <summary>`distill sbom IMAGE`: prints the SBOM that `distill build --sbom` attached to an image.</summary>
public sealed class SbomCommand
{
    private readonly CommonOptions common = new();

    private readonly RegistryOptions registry = new();

    private readonly Argument<string> image = new("image")
    {
        Description = "the image: oci:DIR[:TAG], docker-archive:FILE[:NAME:TAG] or docker://HOST/REPO[:TAG|@DIGEST]",
    };

    private readonly Option<string> format = new("--format")
    {
        Description = "the SBOM format to print: spdx or cyclonedx",
        DefaultValueFactory = _ => "spdx",
    };

    private readonly Option<string?> architecture = new("--arch")
    {
        Description = "for an image index, the Debian architecture of the image whose SBOM to print: amd64, arm64 "
            + "(default: the host's)",
    };

    public Command Create()
    {
        var command = new Command("sbom", "Print the SBOM attached to an image by 'distill build --sbom'")
        {
            image, format, architecture,
        };
        common.AddTo(command);
        registry.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(result, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        using var session = CommandSession.Start(result, common);
        var reference = OutputReference.Parse(result.GetValue(image)!);
        var sbomFormat = SbomFormats.Parse(result.GetValue(format)!);
        var debianArchitecture = result.GetValue(architecture) ?? ImageOptions.HostArchitecture();
        using var client = registry.CreateClient(result, session.Logger);

        var reader = new ImageSbomReader(RegistryOptions.OpenStore(result, common), client);
        var document = await reader.ReadAsync(reference, sbomFormat, debianArchitecture, cancellationToken);

        await using var output = Console.OpenStandardOutput();
        await output.WriteAsync(document, cancellationToken);
        return 0;
    }
}
