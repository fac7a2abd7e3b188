using System.CommandLine;
using Distill.Applications;
using Distill.Building;
using Distill.Debian.Archive;
using Distill.Locking;
using Distill.Output;
using Distill.Sbom;
using Distill.Specs;
using Microsoft.Extensions.Logging;

namespace Distill.Cli.Commands;

/// <summary>
/// `distill build IMAGE`: builds a base image of the distroless family, adds the Debian packages of
/// --package, puts the application of the --add and config options on it when given, and writes it to each
/// output. IMAGE may be an image spec file (see <see cref="ImageSpecReader"/>), whose settings the options
/// override; a spec without a base gets the smallest image that runs its entrypoint. With --base REF instead
/// of IMAGE, the application goes on an existing image (see <see cref="ExistingBaseBuild"/>).
/// </summary>
public sealed class BuildCommand
{
    private readonly CommonOptions common = new();

    private readonly RegistryOptions registry = new();

    private readonly ImageOptions imageOptions = new();

    private readonly ApplicationOptions applicationOptions = new();

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

    private readonly Option<string[]> sboms = new("--sbom")
    {
        Description = "SBOM formats to attach to each image, repeated or comma-separated: spdx, cyclonedx. An OCI "
            + "layout or registry gets OCI artifacts whose subject is the image (read them with 'distill sbom'); a "
            + "docker archive FILE gets FILE.spdx.json and FILE.cdx.json beside it",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string?> baseImage = new("--base")
    {
        Description = "build on an existing image instead of IMAGE: docker://HOST[:PORT]/REPO[:TAG|@DIGEST], "
            + "oci:DIR[:TAG] or docker-archive:FILE. Its layers, history and config are kept; the options given "
            + "override its settings",
        HelpName = "REF",
    };

    private readonly Option<string[]> packages = new("--package")
    {
        Description = "add a Debian package and the packages it depends on, repeatable: NAME or NAME=VERSION. "
            + "They go in one layer above the base image's layers",
        HelpName = "NAME",
    };

    private readonly Option<string[]> excludes = new("--exclude")
    {
        Description = "never add this package while resolving --package, repeatable: a dependency on it takes "
            + "another alternative or fails",
        HelpName = "NAME",
    };

    public Command Create()
    {
        var command = new Command("build", "Build a distroless base image from the Debian archive");
        imageOptions.AddTo(command);
        imageOptions.Image.Arity = ArgumentArity.ZeroOrOne;
        command.Options.Add(baseImage);
        applicationOptions.AddTo(command);
        command.Options.Add(outputs);
        command.Options.Add(lockPath);
        command.Options.Add(sboms);
        command.Options.Add(packages);
        command.Options.Add(excludes);
        common.AddTo(command);
        registry.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(result, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        using var session = CommandSession.Start(result, common);
        if (CheckImageOrBase(result) is { } baseReference)
        {
            var existing = new ExistingBaseBuild(imageOptions, applicationOptions, registry, common);
            return await existing.RunAsync(session, result, baseReference, result.GetValue(outputs)!,
                cancellationToken);
        }

        var path = result.GetValue(lockPath);
        var lockFile = path is null ? null : LockFile.Load(path);
        var lockedArchitectures = lockFile?.Architectures.Select(locked => locked.Architecture).ToList();
        var image = result.GetValue(imageOptions.Image)!;
        var spec = ImageSpecReader.IsSpecPath(image) ? ImageSpecReader.Load(image) : null;
        var request = spec is null
            ? imageOptions.CreateRequest(result, lockedArchitectures)
            : imageOptions.CreateRequest(result, spec, spec.Base ?? BaseImage.Static, lockedArchitectures);
        request = request with
        {
            AddedPackages = [.. spec?.Packages ?? [], .. result.GetValue(packages) ?? []],
            ExcludedPackages = [.. spec?.ExcludedPackages ?? [], .. result.GetValue(excludes) ?? []],
        };
        var application = applicationOptions.CreateSpec(result, spec?.Application);
        var chooseBase = spec is { Base: null };
        var targets = result.GetValue(outputs)!.Select(OutputReference.Parse).ToList();
        var formats = ParseSbomFormats(result.GetValue(sboms));
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

        var applicationBuilder = new ApplicationImageBuilder(session.Store(settings), session.Logger);
        Task<IReadOnlyList<BuiltImage>> BuildBase(ImageRequest baseRequest) => session.RunWithProgressAsync(
            $"Building {baseRequest.Describe()}",
            () => session.CreateBuilder(settings, source).BuildAsync(baseRequest, cancellationToken));

        IReadOnlyList<BuiltImage> built;
        if (chooseBase)
        {
            var chooser = new BaseImageChooser(applicationBuilder, session.Logger);
            var (chosen, chosenBuilt) = await chooser.ChooseAsync(application, request.Created,
                candidate => BuildBase(request with { Image = candidate }));
            request = request with { Image = chosen };
            built = chosenBuilt;
        }
        else
        {
            built = await BuildBase(request);
        }

        if (!application.IsEmpty)
        {
            built = [.. built.Select(image => applicationBuilder.Build(image, application, request.Created))];
        }

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

    /// <summary>
    /// Returns the --base reference, or null for a build of IMAGE. Rejects neither or both, and the options
    /// that only a build from the Debian archive uses.
    /// </summary>
    private string? CheckImageOrBase(ParseResult result)
    {
        var image = result.GetValue(imageOptions.Image);
        var reference = result.GetValue(baseImage);
        if (image is null && reference is null)
        {
            throw new DistillException("missing image: name one to build (static, base-nossl, base or cc) or an "
                + "image spec file (.yaml), or an existing image to build on with --base REF");
        }

        if (image is not null && reference is not null)
        {
            throw new DistillException($"both the image '{image}' and --base '{reference}' are given: build either "
                + "an image of the distroless family or on an existing image, so leave out one of them");
        }

        if (reference is not null)
        {
            Option[] debianOnly =
                [lockPath, sboms, packages, excludes, imageOptions.Distro, imageOptions.Nonroot, imageOptions.Debug];
            var given = debianOnly.FirstOrDefault(option => result.GetResult(option) is { Implicit: false });
            if (given is not null)
            {
                throw new DistillException($"{given.Name} cannot be used with --base, because it applies only to "
                    + "images built from the Debian archive");
            }
        }

        return reference;
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
}
