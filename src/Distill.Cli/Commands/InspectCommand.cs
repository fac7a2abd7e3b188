using System.CommandLine;
using System.Text.Json;
using Distill.Copying;
using Distill.Output;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>`distill inspect IMAGE`: shows an image's manifest, config and layers.</summary>
public sealed class InspectCommand
{
    private readonly CommonOptions common = new();

    private readonly RegistryOptions registry = new();

    private readonly Argument<string> image = new("image")
    {
        Description = "the image: oci:DIR[:TAG], docker-archive:FILE[:NAME:TAG] or docker://HOST/REPO[:TAG|@DIGEST]",
    };

    private readonly Option<bool> raw = new("--raw") { Description = "print the manifest or index bytes unchanged" };

    private readonly Option<bool> json = new("--json") { Description = "print the inspection as JSON" };

    public Command Create()
    {
        var command = new Command("inspect", "Show an image's digest, platforms, config and layers")
        {
            image, raw, json,
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
        using var client = registry.CreateClient(result, session.Logger);
        var source = new ImageCopier(RegistryOptions.OpenStore(result, common), client).OpenSource(reference);

        if (result.GetValue(raw))
        {
            var content = await source.LoadAsync(cancellationToken);
            await using var output = Console.OpenStandardOutput();
            await output.WriteAsync(content.RootContent, cancellationToken);
            return 0;
        }

        var inspection = await ImageInspection.LoadAsync(source, cancellationToken);
        if (result.GetValue(json))
        {
            Console.Out.WriteLine(InspectionJson.Serialize(inspection));
        }
        else
        {
            WriteTables(inspection);
        }

        return 0;
    }

    private static void WriteTables(ImageInspection inspection)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            // Spectre.Console assumes 80 columns without a terminal, which would wrap every digest.
            console.Profile.Width = 200;
        }

        console.WriteLine($"Name:       {inspection.Name}");
        console.WriteLine($"Digest:     {inspection.Digest}");
        console.WriteLine($"Media type: {inspection.Content.Root.MediaType}");
        foreach (var item in inspection.Images)
        {
            console.WriteLine();
            console.WriteLine($"Platform:   {item.Config.Platform}");
            console.WriteLine($"Manifest:   {item.Manifest.Descriptor.Digest}");
            console.WriteLine($"Config:     {item.Manifest.Config.Digest} ({item.Manifest.Config.Size} bytes)");
            console.WriteLine($"Entrypoint: {JsonSerializer.Serialize(item.Config.Entrypoint)}");
            console.WriteLine($"Cmd:        {JsonSerializer.Serialize(item.Config.Cmd)}");
            console.WriteLine($"User:       {item.Config.User ?? ""}");
            var table = new Table().AddColumn("#").AddColumn("Layer digest").AddColumn(new TableColumn("Size").RightAligned())
                .AddColumn("Media type");
            var number = 1;
            foreach (var layer in item.Manifest.Layers)
            {
                table.AddRow((number++).ToString(), layer.Digest.ToString(), FormatSize(layer.Size),
                    Markup.Escape(layer.MediaType));
            }

            console.Write(table);
            console.WriteLine($"Total:      {FormatSize(item.TotalSize)} ({item.TotalSize} bytes)");
        }
    }

    internal static string FormatSize(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / 1024.0 / 1024.0:0.0} MiB",
        >= 1024 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes} B",
    };
}
