using System.CommandLine;
using Distill.Applications;
using Distill.Building;
using Distill.Copying;
using Distill.Images;
using Distill.Output;
using Microsoft.Extensions.Logging;

namespace Distill.Cli.Commands;

/// <summary>
/// `distill build --base REF`: puts the application of the --add and config options on an existing image
/// and writes the result to each output. A push to the registry of the base mounts or skips the base's
/// layers; other outputs stream them through the blob store.
/// </summary>
internal sealed class ExistingBaseBuild(
    ImageOptions imageOptions, ApplicationOptions applicationOptions, RegistryOptions registry, CommonOptions common)
{
    public async Task<int> RunAsync(CommandSession session, ParseResult result, string baseReference,
        IReadOnlyList<string> outputValues, CancellationToken cancellationToken)
    {
        var reference = OutputReference.Parse(baseReference);
        var architectures = imageOptions.ParseArchitectureOption(result);
        var application = applicationOptions.CreateSpec(result);
        var targets = outputValues.Select(OutputReference.Parse).ToList();
        ImageOutputs.CheckWritable(targets);

        var store = RegistryOptions.OpenStore(result, common);
        using var client = registry.CreateClient(result, session.Logger);
        var copier = new ImageCopier(store, client);
        var source = copier.OpenSource(reference);
        var content = await session.RunWithProgressAsync($"Reading the base {reference}",
            () => source.LoadAsync(cancellationToken));

        var builder = new ExistingBaseBuilder(store, source, session.Logger);
        var selected = await builder.SelectAsync(content, architectures, ImageOptions.HostArchitecture(),
            cancellationToken);
        ImageOutputs.CheckArchitectures(targets, [.. selected.Select(item => item.Architecture)]);
        var created = ImageRequest.CreatedFromEnvironment();
        var images = new List<Image>();
        foreach (var (manifest, architecture) in selected)
        {
            images.Add(await builder.BuildAsync(manifest, architecture, application, created, cancellationToken));
        }

        var root = images.Count == 1 ? images[0].ManifestDescriptor : ImageBuilder.BuildIndex(images, store).Descriptor;
        var built = new ExistingImageSource(store, root, source);
        var builtContent = await built.LoadAsync(cancellationToken);
        foreach (var target in targets)
        {
            var digest = await session.RunWithProgressAsync($"Writing {target}",
                () => copier.WriteAsync(builtContent, built, target, cancellationToken));
            session.Logger.LogInformation("Wrote {Output}", target);
            Console.Out.WriteLine($"{target} {digest}");
        }

        return 0;
    }
}
