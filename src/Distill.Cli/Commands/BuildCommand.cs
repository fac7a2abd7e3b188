using System.CommandLine;
using Distill.Building;
using Distill.Debian.Archive;
using Distill.Locking;
using Distill.Output;
using Microsoft.Extensions.Logging;

namespace Distill.Cli.Commands;

/// <summary>`distill build IMAGE`: builds a base image of the distroless family and writes it to each output.</summary>
public sealed class BuildCommand
{
    private readonly CommonOptions common = new();

    private readonly RegistryOptions registry = new();

    private readonly ImageOptions imageOptions = new();

    private readonly Option<string[]> outputs = new("--output", "-o")
    {
        Description = "where to write the image, repeatable: oci:DIR[:TAG], docker-archive:FILE[:NAME:TAG] or "
            + "docker://HOST[:PORT]/REPO[:TAG]",
        Required = true,
    };

    private readonly Option<string?> lockPath = new("--lock")
    {
        Description = "build exactly the packages of this lock file (made by 'distill lock'); without --arch, "
            + "every architecture it locks",
        HelpName = "FILE",
    };

    public Command Create()
    {
        var command = new Command("build", "Build a distroless base image from the Debian archive");
        imageOptions.AddTo(command);
        command.Options.Add(outputs);
        command.Options.Add(lockPath);
        common.AddTo(command);
        registry.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(result, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        using var session = CommandSession.Start(result, common);
        var path = result.GetValue(lockPath);
        var lockFile = path is null ? null : LockFile.Load(path);
        var request = imageOptions.CreateRequest(
            result, lockFile?.Architectures.Select(locked => locked.Architecture).ToList());
        var targets = result.GetValue(outputs)!.Select(OutputReference.Parse).ToList();
        ImageOutputs.CheckArchitectures(targets, request.Architectures);

        var settings = session.ResolveSettings();
        ImageOutputs.CheckWritable(targets);

        IPackageSource source = session.CreateArchive(settings);
        if (lockFile is not null)
        {
            var locked = new LockedPackageSource(lockFile, path!, source);
            locked.CheckMatches(request);
            session.Logger.LogInformation("Building the packages locked in {LockFile}", path);
            source = locked;
        }

        var built = await session.RunWithProgressAsync(
            $"Building {request.Describe()}",
            () => session.CreateBuilder(settings, source).BuildAsync(request, cancellationToken));
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
}
