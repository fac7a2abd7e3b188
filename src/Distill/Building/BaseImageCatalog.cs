using Distill.Debian.Archive;

namespace Distill.Building;

/// <summary>The distroless base images, smallest first.</summary>
public enum BaseImage
{
    Static,
    BaseNossl,
    Base,
    Cc,
}

/// <summary>
/// A layer of a base image: a name for its history entry and the Debian packages whose files it holds.
/// </summary>
public sealed record LayerRecipe(string Name, IReadOnlyList<string> Packages);

/// <summary>
/// The package sets of the distroless family, cut into layers so that the family shares them. Every
/// image's layers start with the layers of the next smaller image, so static's layer is the bottom of
/// all of them and base's layers are the bottom of cc. The debug variant adds busybox on top.
/// </summary>
public static class BaseImageCatalog
{
    public static readonly IReadOnlyDictionary<string, BaseImage> Names = new Dictionary<string, BaseImage>
    {
        ["static"] = BaseImage.Static,
        ["base-nossl"] = BaseImage.BaseNossl,
        ["base"] = BaseImage.Base,
        ["cc"] = BaseImage.Cc,
    };

    /// <summary>The Debian architectures whose images are built and tested.</summary>
    public static readonly IReadOnlyList<string> Architectures = ["amd64", "arm64"];

    /// <summary>Rejects an architecture other than amd64 and arm64, naming it.</summary>
    public static void CheckArchitecture(string name)
    {
        if (!Architectures.Contains(name))
        {
            throw new DistillException(
                $"unsupported architecture '{name}': Distill builds images for {string.Join(" and ", Architectures)}");
        }
    }

    public static BaseImage Parse(string name) =>
        Names.TryGetValue(name, out var image)
            ? image
            : throw new DistillException(
                $"unknown image '{name}': use one of {string.Join(", ", Names.Keys)}");

    public static string NameOf(BaseImage image) => Names.First(pair => pair.Value == image).Key;

    /// <summary>Returns the layers of an image, bottom first.</summary>
    public static IReadOnlyList<LayerRecipe> LayersFor(BaseImage image, DebianDistro distro, bool debug)
    {
        var layers = new List<LayerRecipe> { StaticLayer(distro) };
        if (image >= BaseImage.BaseNossl)
        {
            layers.Add(new LayerRecipe("libc", ["libc6"]));
        }

        if (image >= BaseImage.Base)
        {
            List<string> ssl = distro.Version >= 13 ? ["libssl3t64", "libzstd1", "zlib1g"] : ["libssl3"];
            layers.Add(new LayerRecipe("ssl", ssl));
        }

        if (image >= BaseImage.Cc)
        {
            var gccBase = distro.Version >= 13 ? "gcc-14-base" : "gcc-12-base";
            layers.Add(new LayerRecipe("cc", ["libgcc-s1", "libstdc++6", "libgomp1", gccBase]));
        }

        if (debug)
        {
            layers.Add(new LayerRecipe("debug", [BusyboxPackage]));
        }

        return layers;
    }

    public const string BusyboxPackage = "busybox-static";

    public const string CaCertificatesPackage = "ca-certificates";

    private static LayerRecipe StaticLayer(DebianDistro distro)
    {
        List<string> packages = ["base-files", "netbase", "tzdata", "media-types", CaCertificatesPackage];
        if (distro.Version >= 13)
        {
            packages.Add("tzdata-legacy");
        }

        return new LayerRecipe("static", packages);
    }
}
