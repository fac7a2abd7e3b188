using System.Text;
using System.Text.Json.Nodes;

namespace Distill.Tests.EndToEnd;

/// <summary>Reads the SBOM artifacts that `distill build --sbom` writes into an OCI layout.</summary>
public static class SbomArtifacts
{
    public const string SpdxType = "application/spdx+json";

    public const string CycloneDxType = "application/vnd.cyclonedx+json";

    public const string EmptyMediaType = "application/vnd.oci.empty.v1+json";

    /// <summary>The digest of "{}", the content of the empty descriptor.</summary>
    public const string EmptyDigest = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

    /// <summary>Returns the index.json entries that have an artifactType, the referrers of the layout's images.</summary>
    public static IReadOnlyList<JsonNode> ArtifactEntries(OciLayoutFiles layout) =>
        JsonNode.Parse(File.ReadAllBytes(Path.Combine(layout.Directory, "index.json")))!["manifests"]!.AsArray()
            .Where(entry => entry!["artifactType"] is not null)
            .Select(entry => entry!)
            .ToList();

    /// <summary>Returns the subject digest of an artifact manifest and the bytes of its only layer.</summary>
    public static (string Subject, byte[] Content) Read(OciLayoutFiles layout, JsonNode entry)
    {
        var manifest = layout.ReadJsonBlob(entry["digest"]!.GetValue<string>());
        var layers = manifest["layers"]!.AsArray();
        Assert.Single(layers);
        var content = File.ReadAllBytes(layout.BlobPath(layers[0]!["digest"]!.GetValue<string>()));
        return (manifest["subject"]!["digest"]!.GetValue<string>(), content);
    }

    /// <summary>
    /// Returns "name version architecture" for each package that the image records in
    /// /var/lib/dpkg/status.d, read from its layers.
    /// </summary>
    public static ISet<string> InstalledPackages(OciLayoutFiles layout, string manifestDigest)
    {
        var packages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var layer in layout.LayerDigests(manifestDigest))
        {
            layout.ReadRegularFiles(layer, 1 << 20, (path, content) =>
            {
                if (!path.Contains("var/lib/dpkg/status.d/", StringComparison.Ordinal) || path.EndsWith(".md5sums"))
                {
                    return;
                }

                var fields = Encoding.UTF8.GetString(content).Split('\n')
                    .Where(line => line.Contains(": ", StringComparison.Ordinal) && !line.StartsWith(' '))
                    .Select(line => line.Split(": ", 2))
                    .GroupBy(pair => pair[0])
                    .ToDictionary(group => group.Key, group => group.First()[1]);
                packages.Add($"{fields["Package"]} {fields["Version"]} {fields["Architecture"]}");
            });
        }

        return packages;
    }
}
