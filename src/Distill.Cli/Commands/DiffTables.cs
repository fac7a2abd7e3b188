using Distill.Diffing;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>The tables that `distill diff` prints without --json: images, config, packages and files.</summary>
public static class DiffTables
{
    /// <summary>The number of changed files listed without --files.</summary>
    public const int FileLimit = 50;

    public static void Write(ImageDiff diff, bool allFiles)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            // Spectre.Console assumes 80 columns without a terminal, which would wrap every digest.
            console.Profile.Width = 200;
        }

        console.Write(CreateImagesTable(diff.First, diff.Second));
        console.WriteLine();
        WriteConfig(console, diff.Config);
        console.WriteLine();
        WritePackages(console, diff.Packages);
        console.WriteLine();
        WriteFiles(console, diff.Files, allFiles);
        console.WriteLine();
        console.WriteLine(diff.HasDifferences ? "The images differ." : "The images do not differ.");
    }

    private static Table CreateImagesTable(ImageSnapshot first, ImageSnapshot second)
    {
        var table = new Table().AddColumn("").AddColumn("First").AddColumn("Second");
        AddRow(table, "Image", first.Name, second.Name);
        AddRow(table, "Manifest", first.Manifest.Digest.ToString(), second.Manifest.Digest.ToString());
        AddRow(table, "Platform", FormatPlatform(first.Config), FormatPlatform(second.Config));
        AddRow(table, "Layers", first.LayerCount.ToString(), second.LayerCount.ToString());
        AddRow(table, "Compressed", FormatBytes(first.CompressedSize), FormatBytes(second.CompressedSize));
        AddRow(table, "Uncompressed", FormatBytes(first.UncompressedSize), FormatBytes(second.UncompressedSize));
        AddRow(table, "Packages", first.Packages.Count.ToString(), second.Packages.Count.ToString());
        AddRow(table, "Files", first.Files.Count.ToString(), second.Files.Count.ToString());
        return table;
    }

    private static void WriteConfig(IAnsiConsole console, IReadOnlyList<ConfigChange> changes)
    {
        console.WriteLine($"Config: {changes.Count} field(s) differ");
        if (changes.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumn("Field").AddColumn("First").AddColumn("Second");
        foreach (var change in changes)
        {
            AddRow(table, change.Field, change.Old ?? "(none)", change.New ?? "(none)");
        }

        console.Write(table);
    }

    private static void WritePackages(IAnsiConsole console, IReadOnlyList<PackageChange> changes)
    {
        console.WriteLine($"Packages: {Count(changes, change => change.Kind)}");
        if (changes.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumn("Package").AddColumn("Change").AddColumn("First").AddColumn("Second")
            .AddColumn(new TableColumn("First size").RightAligned())
            .AddColumn(new TableColumn("Second size").RightAligned());
        foreach (var change in changes)
        {
            AddRow(table, change.Name, change.Kind.ToString().ToLowerInvariant(), change.Old?.Version ?? "",
                change.New?.Version ?? "", change.Old is { } old ? InspectCommand.FormatSize(old.Size) : "",
                change.New is { } @new ? InspectCommand.FormatSize(@new.Size) : "");
        }

        console.Write(table);
    }

    private static void WriteFiles(IAnsiConsole console, IReadOnlyList<FileChange> changes, bool allFiles)
    {
        var added = changes.Where(change => change.New is not null).Sum(change => change.New!.Size);
        var removed = changes.Where(change => change.Old is not null).Sum(change => change.Old!.Size);
        console.WriteLine($"Files: {Count(changes, change => change.Kind)}; the changed paths take "
            + $"{InspectCommand.FormatSize(removed)} in the first image and {InspectCommand.FormatSize(added)} "
            + "in the second");
        if (changes.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumn("Path").AddColumn("Change").AddColumn("First").AddColumn("Second");
        var shown = allFiles ? changes : changes.Take(FileLimit).ToList();
        foreach (var change in shown)
        {
            var kind = change.Kind == ChangeKind.Changed
                ? $"changed ({string.Join(", ", change.Aspects)})"
                : change.Kind.ToString().ToLowerInvariant();
            AddRow(table, change.Path, kind, Describe(change.Old), Describe(change.New));
        }

        console.Write(table);
        if (shown.Count < changes.Count)
        {
            console.WriteLine($"... and {changes.Count - shown.Count} more; run with --files to list every file.");
        }
    }

    private static string Describe(MergedFile? file) => file switch
    {
        null => "",
        { Type: MergedFileType.Symlink } => $"symlink -> {file.LinkTarget} {file.Uid}:{file.Gid}",
        { Type: MergedFileType.Hardlink } => $"hard link -> {file.LinkTarget} {file.OctalMode} {file.Uid}:{file.Gid}",
        { Type: MergedFileType.RegularFile } =>
            $"{file.OctalMode} {file.Uid}:{file.Gid} {InspectCommand.FormatSize(file.Size)} {file.Sha256![..12]}",
        _ => $"{file.Type.ToString().ToLowerInvariant()} {file.OctalMode} {file.Uid}:{file.Gid}",
    };

    private static string Count<T>(IReadOnlyList<T> changes, Func<T, ChangeKind> kind) =>
        $"{changes.Count(change => kind(change) == ChangeKind.Added)} added, "
        + $"{changes.Count(change => kind(change) == ChangeKind.Removed)} removed, "
        + $"{changes.Count(change => kind(change) == ChangeKind.Changed)} changed";

    private static string FormatPlatform(ImageConfigDetails config) => config.Variant is null
        ? $"{config.Os}/{config.Architecture}"
        : $"{config.Os}/{config.Architecture}/{config.Variant}";

    private static string FormatBytes(long bytes) => $"{InspectCommand.FormatSize(bytes)} ({bytes} bytes)";

    private static void AddRow(Table table, params string[] cells) =>
        table.AddRow(cells.Select(cell => new Text(cell)).ToArray<Spectre.Console.Rendering.IRenderable>());
}
