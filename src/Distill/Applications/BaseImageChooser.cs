using Distill.Building;
using Microsoft.Extensions.Logging;

namespace Distill.Applications;

/// <summary>
/// Chooses the smallest base image of the distroless family (static, base-nossl, base, cc) on which the
/// program of an application passes <see cref="ProgramCheck"/> for every architecture. A candidate fails only
/// for a missing interpreter or library, which a larger image may have. Any other problem (a missing program,
/// no execute permission, another architecture) is the same on every image, so it fails the choice at once.
/// </summary>
public sealed class BaseImageChooser(ApplicationImageBuilder builder, ILogger logger)
{
    /// <summary>
    /// Returns the chosen image and its built images. <paramref name="buildBase"/> builds the candidate for
    /// every requested architecture; the layers the candidates share come from the layer cache after the first.
    /// </summary>
    public async Task<(BaseImage Image, IReadOnlyList<BuiltImage> Built)> ChooseAsync(
        ApplicationSpec spec, DateTimeOffset created, Func<BaseImage, Task<IReadOnlyList<BuiltImage>>> buildBase)
    {
        var reasons = new List<string>();
        foreach (var candidate in Enum.GetValues<BaseImage>())
        {
            var built = await buildBase(candidate);
            var missing = built
                .Select(image => FindMissing(image, spec, created))
                .FirstOrDefault(text => text is not null);
            var name = BaseImageCatalog.NameOf(candidate);
            if (missing is null)
            {
                logger.LogInformation("Base image: {Reasons}chose {Image}",
                    string.Concat(reasons.Select(reason => reason + "; ")), name);
                return (candidate, built);
            }

            reasons.Add($"{name} lacks {missing}");
        }

        throw new DistillException($"no base image of the distroless family runs the entrypoint program: "
            + $"{string.Join("; ", reasons)}. Add what is missing with the spec's files or --add, or name a base");
    }

    private string? FindMissing(BuiltImage image, ApplicationSpec spec, DateTimeOffset created)
    {
        try
        {
            builder.CheckOnly(image, spec, created);
            return null;
        }
        catch (InterpreterNotFoundException problem)
        {
            return $"the interpreter {problem.Interpreter}";
        }
        catch (LibraryNotFoundException problem)
        {
            return problem.Library;
        }
    }
}
