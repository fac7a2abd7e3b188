using System.CommandLine;
using Distill.Copying;
using Distill.Output;
using Microsoft.Extensions.Logging;

namespace Distill.Cli.Commands;

/// <summary>`distill copy SOURCE DESTINATION`: copies an image or index between layouts, archives and registries.</summary>
public sealed class CopyCommand
{
    private readonly CommonOptions common = new();

    private readonly RegistryOptions registry = new();

    private readonly Argument<string> source = new("source")
    {
        Description = "the image to read: oci:DIR[:TAG], docker-archive:FILE[:NAME:TAG] or docker://HOST/REPO[:TAG]",
    };

    private readonly Argument<string> destination = new("destination")
    {
        Description = "where to write it, in the same forms",
    };

    public Command Create()
    {
        var command = new Command("copy", "Copy an image or index, keeping its digest") { source, destination };
        common.AddTo(command);
        registry.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(result, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        using var session = CommandSession.Start(result, common);
        var from = OutputReference.Parse(result.GetValue(source)!);
        var to = OutputReference.Parse(result.GetValue(destination)!);
        using var client = registry.CreateClient(result, session.Logger);
        var copier = new ImageCopier(RegistryOptions.OpenStore(result, common), client);

        var digest = await session.RunWithProgressAsync($"Copying {from} to {to}",
            () => copier.CopyAsync(from, to, cancellationToken));
        session.Logger.LogInformation("Copied {Source} to {Destination}", from, to);
        Console.Out.WriteLine($"{to} {digest}");
        return 0;
    }
}
