using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Distill.Tests.Layers;
using Xunit.Abstractions;

namespace Distill.Tests.EndToEnd;

/// <summary>
/// Builds the same image twice from nothing, each time into its own output directory with its own empty
/// cache, and checks that the digests match, so that no download, cache state, clock or time zone leaks
/// into an image. The static image is the smallest, so the cold builds stay cheap.
/// </summary>
public sealed class ReproducibilityTests(ITestOutputHelper output) : IDisposable
{
    private const string Tag = "static";

    private const long SourceDateEpoch = 1700000000;

    private readonly TestDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task ColdBuildsGiveSameManifest()
    {
        var first = await ColdBuildAsync("first", []);
        var second = await ColdBuildAsync("second", []);

        Assert.Equal(first, second);
        var manifest = ReadRaw(directory.Combine("second", "layout"));
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", manifest["mediaType"]?.GetValue<string>());
    }

    [Fact]
    public async Task ColdBuildsGiveSameIndex()
    {
        string[] architectures = ["--arch", "amd64,arm64"];

        var first = await ColdBuildAsync("first", architectures);
        var second = await ColdBuildAsync("second", architectures);

        Assert.Equal(first, second);
        var index = ReadRaw(directory.Combine("second", "layout"));
        Assert.Equal("application/vnd.oci.image.index.v1+json", index["mediaType"]?.GetValue<string>());
        Assert.Equal(2, index["manifests"]!.AsArray().Count);
    }

    [Fact]
    public async Task DefaultCreatedIsUnixEpoch()
    {
        var layout = directory.Combine("default");

        await BuildAsync(layout, environment: null);

        var config = ReadConfigWithSkopeo(layout);
        Assert.Equal("1970-01-01T00:00:00Z", config["created"]?.GetValue<string>());
    }

    [Fact]
    public async Task SourceDateEpochSetsCreated()
    {
        var environment = new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = SourceDateEpoch.ToString() };
        var defaultDigest = await BuildAsync(directory.Combine("default"), environment: null);

        var first = await BuildAsync(directory.Combine("epoch-first"), environment);
        var second = await BuildAsync(directory.Combine("epoch-second"), environment);

        Assert.NotEqual(defaultDigest, first);
        Assert.Equal(first, second);
        var config = ReadConfigWithSkopeo(directory.Combine("epoch-first"));
        Assert.Equal("2023-11-14T22:13:20Z", config["created"]?.GetValue<string>());
        var layoutConfig = ReadConfigFromLayout(directory.Combine("epoch-first"));
        Assert.Equal("2023-11-14T22:13:20Z", layoutConfig["created"]?.GetValue<string>());
    }

    [Fact]
    public async Task SourceDateEpochClampsFileTimes()
    {
        var environment = new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = SourceDateEpoch.ToString() };
        var layout = directory.Combine("epoch");

        await BuildAsync(layout, environment);

        var files = new OciLayoutFiles(layout);
        var manifest = files.DigestOfTag(Tag);
        var limit = DateTimeOffset.FromUnixTimeSeconds(SourceDateEpoch);
        var entries = 0;
        foreach (var layer in files.LayerDigests(manifest))
        {
            using var gzip = new GZipStream(File.OpenRead(files.BlobPath(layer)), CompressionMode.Decompress);
            using var reader = new TarReader(gzip);
            while (reader.GetNextEntry() is { } entry)
            {
                entries++;
                Assert.True(entry.ModificationTime <= limit,
                    $"{entry.Name} in layer {layer} has mtime {entry.ModificationTime:O}, after SOURCE_DATE_EPOCH {limit:O}");
            }
        }

        Assert.True(entries > 0, $"the layers of {manifest} have no entries");
    }

    /// <summary>
    /// Builds static with a new, empty cache into its own layout and returns the printed digest. The second
    /// cold build of a test runs in another time zone and at least a second later than the first.
    /// </summary>
    private async Task<string> ColdBuildAsync(string name, string[] extraArguments)
    {
        var cache = directory.Combine(name, "cache");
        var layout = directory.Combine(name, "layout");
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var environment = new Dictionary<string, string> { ["TZ"] = name == "first" ? "UTC" : "Pacific/Kiritimati" };

        var stopwatch = Stopwatch.StartNew();
        var result = await DistillProcess.RunSuccessfullyAsync(
            ["build", "static", .. extraArguments, "--output", $"oci:{layout}:{Tag}"], cache, environment);
        output.WriteLine($"cold build {name} {string.Join(' ', extraArguments)}: {stopwatch.Elapsed.TotalSeconds:F1} s");

        Assert.DoesNotContain("is cached", result.StandardError);
        var digest = result.LastDigest();
        Assert.Equal(digest, new OciLayoutFiles(layout).DigestOfTag(Tag));
        return digest;
    }

    private static async Task<string> BuildAsync(string layout, IDictionary<string, string>? environment)
    {
        var result = await DistillProcess.RunSuccessfullyAsync(
            ["build", "static", "--output", $"oci:{layout}:{Tag}"], environment: environment);
        return result.LastDigest();
    }

    private static JsonNode ReadRaw(string layout) =>
        JsonNode.Parse(HostTool.RunChecked("skopeo", "inspect", "--raw", $"oci:{layout}:{Tag}"))!;

    private static JsonNode ReadConfigWithSkopeo(string layout) =>
        JsonNode.Parse(HostTool.RunChecked("skopeo", "inspect", "--config", $"oci:{layout}:{Tag}"))!;

    private static JsonNode ReadConfigFromLayout(string layout)
    {
        var files = new OciLayoutFiles(layout);
        var manifest = files.ReadJsonBlob(files.DigestOfTag(Tag));
        return files.ReadJsonBlob(manifest["config"]!["digest"]!.GetValue<string>());
    }
}
