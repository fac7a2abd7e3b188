using System.CommandLine;
using Distill.Copying;
using Distill.Diffing;
using Distill.Output;

namespace Distill.Cli.Commands;

/// <summary>`distill diff IMAGE IMAGE`: compares two images' configs, packages and files.</summary>
public sealed class DiffCommand
{
    /// <summary>The exit code of `distill diff --exit-code` when the images differ.</summary>
    public const int DifferencesExitCode = 1;

    private const string ReferenceFormats =
        "oci:DIR[:TAG], docker-archive:FILE[:NAME:TAG] or docker://HOST/REPO[:TAG|@DIGEST]";

    private readonly CommonOptions common = new();

    private readonly RegistryOptions registry = new();

    private readonly Argument<string> first = new("first") { Description = $"the first image: {ReferenceFormats}" };

    private readonly Argument<string> second = new("second")
    {
        Description = "the second image, compared with the first",
    };

    private readonly Option<bool> json = new("--json") { Description = "print the differences as JSON" };

    private readonly Option<bool> allFiles = new("--files")
    {
        Description = $"list every changed file (default: the first {DiffTables.FileLimit} and a count)",
    };

    private readonly Option<bool> exitCode = new("--exit-code")
    {
        Description = "exit with 1 when the images differ and 0 when they do not",
    };

    private readonly Option<string?> architecture = new("--arch")
    {
        Description = "architecture to compare when an image is an index, in OCI naming such as amd64 or arm64 "
            + "(default: the host's)",
    };

    public Command Create()
    {
        var command = new Command("diff", "Compare two images: config, packages and files. Exits with 0 whether "
            + "or not they differ, unless --exit-code is given. Layer counts and sizes are shown but are not "
            + "differences.")
        {
            first, second, json, allFiles, exitCode, architecture,
        };
        common.AddTo(command);
        registry.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(result, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        using var session = CommandSession.Start(result, common);
        using var client = registry.CreateClient(result, session.Logger);
        var copier = new ImageCopier(RegistryOptions.OpenStore(result, common), client);
        var arch = result.GetValue(architecture);

        var firstImage = await ImageSnapshot.LoadAsync(
            copier.OpenSource(OutputReference.Parse(result.GetValue(first)!)), arch, cancellationToken);
        var secondImage = await ImageSnapshot.LoadAsync(
            copier.OpenSource(OutputReference.Parse(result.GetValue(second)!)), arch, cancellationToken);
        var diff = ImageDiff.Compare(firstImage, secondImage);

        if (result.GetValue(json))
        {
            Console.Out.WriteLine(DiffJson.Serialize(diff));
        }
        else
        {
            DiffTables.Write(diff, result.GetValue(allFiles));
        }

        return result.GetValue(exitCode) && diff.HasDifferences ? DifferencesExitCode : 0;
    }
}
