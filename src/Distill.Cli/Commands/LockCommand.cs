using System.CommandLine;
using Distill.Building;
using Distill.Debian.Archive;
using Distill.Locking;
using Microsoft.Extensions.Logging;

namespace Distill.Cli.Commands;

/// <summary>
/// `distill lock IMAGE --output FILE`: resolves the packages of an image as a build would and records them in
/// a lock file. `distill lock --update FILE` resolves them again with the options stored in the file.
/// </summary>
public sealed class LockCommand
{
    private readonly CommonOptions common = new();

    private readonly ImageOptions imageOptions = new();

    private readonly Option<string?> output = new("--output", "-o")
    {
        Description = "the lock file to write",
        HelpName = "FILE",
    };

    private readonly Option<string?> update = new("--update")
    {
        Description = "resolve the image of this lock file again, rewrite the file and print each version change. "
            + "The image options and mirrors come from the file; --mirror and --security-mirror override the mirrors",
        HelpName = "FILE",
    };

    public Command Create()
    {
        var command = new Command("lock", "Record the exact packages of an image in a lock file");
        imageOptions.AddTo(command);
        imageOptions.Image.Arity = ArgumentArity.ZeroOrOne;
        command.Options.Add(output);
        command.Options.Add(update);
        common.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(result, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        using var session = CommandSession.Start(result, common);
        var updatePath = result.GetValue(update);
        if (updatePath is not null)
        {
            return await UpdateAsync(session, result, updatePath, cancellationToken);
        }

        var path = result.GetValue(output);
        if (result.GetValue(imageOptions.Image) is null || path is null)
        {
            throw new DistillException("missing image or --output: run 'distill lock IMAGE --output FILE' to create "
                + "a lock file, or 'distill lock --update FILE' to update one");
        }

        var request = imageOptions.CreateRequest(result);
        var settings = session.ResolveSettings();
        var lockFile = await LockAsync(session, request, settings, cancellationToken);
        lockFile.Save(path);
        session.Logger.LogInformation("Wrote {LockFile}", path);
        return 0;
    }

    private async Task<int> UpdateAsync(
        CommandSession session, ParseResult result, string path, CancellationToken cancellationToken)
    {
        if (result.GetValue(imageOptions.Image) is not null || result.GetValue(output) is not null)
        {
            throw new DistillException($"--update {path} takes the image and output from the lock file: drop the "
                + "image argument and --output");
        }

        var previous = LockFile.Load(path);
        var request = new ImageRequest(
            BaseImageCatalog.Parse(previous.Image),
            DebianDistro.Parse(previous.Distro),
            [.. previous.Architectures.Select(locked => locked.Architecture)],
            previous.Nonroot,
            previous.Debug,
            DateTimeOffset.UnixEpoch,
            ClampTimes: false);
        var settings = session.ResolveSettings(previous.Mirror, previous.SecurityMirror);
        var updated = await LockAsync(session, request, settings, cancellationToken);

        var changes = LockFileChanges.Compare(previous, updated);
        updated.Save(path);
        session.Logger.LogInformation("Wrote {LockFile}", path);
        foreach (var change in changes)
        {
            Console.Out.WriteLine(change);
        }

        if (changes.Count == 0)
        {
            Console.Out.WriteLine("no changes");
        }

        return 0;
    }

    private static async Task<LockFile> LockAsync(
        CommandSession session, ImageRequest request, ArchiveSettings settings, CancellationToken cancellationToken)
    {
        var archive = session.CreateArchive(settings);
        return await session.RunWithProgressAsync(
            $"Locking {request.Describe()}",
            () => ImageLocker.LockAsync(archive, request, settings, cancellationToken));
    }
}
