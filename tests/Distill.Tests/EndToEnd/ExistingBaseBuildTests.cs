using System.Text.Json.Nodes;
using Distill.Blobs;
using Distill.Images;
using Distill.Output;
using Distill.Tests.Layers;
using Distill.Tests.Output;
using Distill.Tests.Registry;

namespace Distill.Tests.EndToEnd;

/// <summary>
/// A nonroot cc image built by Distill, in an OCI layout and pushed to a test registry, and a C++ program
/// compiled here, for the builds on an existing base. Built once for the tests of
/// <see cref="ExistingBaseBuildTests"/>.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ExistingBaseFixture : IAsyncLifetime
{
    private const string HelloSource = """
        #include <iostream>
        int main() { std::cout << "hello" << std::endl; return 0; }
        """;

    public TestDirectory Directory { get; } = new();

    public RegistryServer Server { get; private set; } = null!;

    public string Layout => Directory.Combine("base-layout");

    public string Hello => Directory.Combine("hello");

    public string BaseReference => Server.Reference("base/cc:1");

    public async Task InitializeAsync()
    {
        Server = await RegistryServer.StartAsync(RegistryAuth.Anonymous);
        HostTool.Require("g++");
        var source = Directory.Combine("hello.cpp");
        File.WriteAllText(source, HelloSource);
        HostTool.RunChecked("g++", "-O2", "-o", Hello, source);
        await DistillProcess.RunSuccessfullyAsync(["build", "cc", "--nonroot", "--arch", "amd64", "--quiet",
            "--env", "GREETING=hello", "--output", $"oci:{Layout}:cc", "--output", BaseReference]);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Dispose();
    }
}

/// <summary>Builds applications with `distill build --base` on images in a registry and an OCI layout.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ExistingBaseBuildTests(ExistingBaseFixture fixture)
    : IClassFixture<ExistingBaseFixture>, IDisposable
{
    private readonly TestDirectory work = new();

    public void Dispose() => work.Dispose();

    private RegistryServer Server => fixture.Server;

    [Fact]
    public async Task RegistryBase_MountsLayers()
    {
        var target = Server.Reference("team/app:1");

        await DistillProcess.RunSuccessfullyAsync(["build", "--base", fixture.BaseReference,
            "--add", $"{fixture.Hello}:/hello", "--entrypoint", "[\"/hello\"]", "--output", target]);

        var baseLayers = InspectLayers($"docker://{Server.Host}/base/cc:1");
        var appLayers = InspectLayers($"docker://{Server.Host}/team/app:1");
        Assert.Equal(baseLayers.Count + 1, appLayers.Count);
        Assert.Equal(baseLayers, appLayers.Take(baseLayers.Count));

        var config = InspectConfig($"docker://{Server.Host}/team/app:1");
        var baseConfig = InspectConfig($"docker://{Server.Host}/base/cc:1");
        Assert.Equal(baseConfig["config"]!["User"]!.GetValue<string>(), config["config"]!["User"]!.GetValue<string>());
        Assert.Contains("GREETING=hello", Strings(config["config"]!["Env"]));
        Assert.Equal(["/hello"], Strings(config["config"]!["Entrypoint"]));
        Assert.Equal(baseConfig["history"]!.AsArray().Count + 1, config["history"]!.AsArray().Count);

        var uploads = RequestLines("PUT", "/v2/team/app/blobs/uploads/");
        Assert.Equal(2, uploads.Count);
        foreach (var layer in baseLayers)
        {
            Assert.DoesNotContain(uploads, line => line.Contains(layer));
        }
    }

    [Fact]
    public async Task RegistryBase_NoCheckDownloadsNoLayer()
    {
        var cache = work.Combine("cache");
        var baseLayers = InspectLayers($"docker://{Server.Host}/base/cc:1");

        await DistillProcess.RunSuccessfullyAsync(["build", "--base", fixture.BaseReference, "--no-check",
            "--add", $"{fixture.Hello}:/hello", "--entrypoint", "[\"/hello\"]",
            "--output", Server.Reference("team/unchecked:1")], cache);

        Assert.Empty(LayerDownloads(baseLayers));
        Assert.Equal(baseLayers, InspectLayers($"docker://{Server.Host}/team/unchecked:1").Take(baseLayers.Count));
    }

    [Fact]
    public async Task RegistryBase_ChecksDownloadLayersOnce()
    {
        var cache = work.Combine("cache");
        var baseLayers = InspectLayers($"docker://{Server.Host}/base/cc:1");
        var before = LayerDownloads(baseLayers).Count;
        string[] arguments = ["build", "--base", fixture.BaseReference, "--add", $"{fixture.Hello}:/app/hello",
            "--entrypoint", "[\"/app/hello\"]", "--output", $"oci:{work.Combine("out")}:app"];

        await DistillProcess.RunSuccessfullyAsync(arguments, cache);
        var afterFirst = LayerDownloads(baseLayers).Count;
        await DistillProcess.RunSuccessfullyAsync(arguments, cache);
        var afterSecond = LayerDownloads(baseLayers).Count;

        Assert.Equal(baseLayers.Count, afterFirst - before);
        Assert.Equal(afterFirst, afterSecond);
    }

    [Fact]
    public async Task OciBase_KeepsLayersAndSettings()
    {
        var output = work.Combine("out");

        await DistillProcess.RunSuccessfullyAsync(["build", "--base", $"oci:{fixture.Layout}:cc",
            "--add", $"{fixture.Hello}:/hello", "--entrypoint", "[\"/hello\"]", "--output", $"oci:{output}:app"]);
        await DistillProcess.RunSuccessfullyAsync(["build", "--base", $"oci:{output}:app", "--env", "MODE=test",
            "--output", $"oci:{output}:inherited"]);
        await DistillProcess.RunSuccessfullyAsync(["build", "--base", $"oci:{output}:app", "--user", "0",
            "--output", $"oci:{output}:root"]);

        var baseLayers = InspectLayers($"oci:{fixture.Layout}:cc");
        var appLayers = InspectLayers($"oci:{output}:app");
        Assert.Equal(baseLayers, appLayers.Take(baseLayers.Count));
        Assert.Equal(baseLayers.Count + 1, appLayers.Count);
        Assert.Equal(appLayers, InspectLayers($"oci:{output}:inherited"));

        var inherited = InspectConfig($"oci:{output}:inherited")["config"]!;
        Assert.Equal(["/hello"], Strings(inherited["Entrypoint"]));
        Assert.StartsWith("65532", inherited["User"]!.GetValue<string>());
        Assert.Contains("MODE=test", Strings(inherited["Env"]));
        Assert.Contains("GREETING=hello", Strings(inherited["Env"]));
        Assert.Equal("0", InspectConfig($"oci:{output}:root")["config"]!["User"]!.GetValue<string>());
    }

    [Fact]
    public async Task DockerArchiveBase_BuildsToArchive()
    {
        var archive = work.Combine("base.tar");
        await DistillProcess.RunSuccessfullyAsync(["copy", $"oci:{fixture.Layout}:cc", $"docker-archive:{archive}"]);
        var output = work.Combine("app.tar");

        await DistillProcess.RunSuccessfullyAsync(["build", "--base", $"docker-archive:{archive}",
            "--add", $"{fixture.Hello}:/hello", "--entrypoint", "[\"/hello\"]",
            "--output", $"docker-archive:{output}:app:1"]);

        var config = InspectConfig($"docker-archive:{output}")["config"]!;
        Assert.Equal(["/hello"], Strings(config["Entrypoint"]));
        Assert.Equal(InspectLayers($"oci:{fixture.Layout}:cc").Count + 1,
            InspectConfig($"docker-archive:{output}")["rootfs"]!["diff_ids"]!.AsArray().Count);
    }

    [Fact]
    public async Task IndexBase_BuildsEachArchitecture()
    {
        var layout = WriteIndexLayout(["amd64", "arm64"]);
        var output = work.Combine("out");

        var both = await DistillProcess.RunSuccessfullyAsync(["build", "--base", $"oci:{layout}:multi",
            "--arch", "amd64,arm64", "--no-check", "--add", $"{fixture.Hello}:/hello", "--output",
            $"oci:{output}:both"]);
        await DistillProcess.RunSuccessfullyAsync(["build", "--base", $"oci:{layout}:multi", "--arch", "arm64",
            "--no-check", "--add", $"{fixture.Hello}:/hello", "--output", $"oci:{output}:arm"]);

        var index = JsonNode.Parse(HostTool.RunChecked("skopeo", "inspect", "--raw", $"oci:{output}:both"))!;
        var platforms = index["manifests"]!.AsArray()
            .Select(entry => entry!["platform"]!["architecture"]!.GetValue<string>()).ToList();
        Assert.Equal(["amd64", "arm64"], platforms);
        Assert.StartsWith("sha256:", both.LastDigest());
        var armConfig = InspectConfig($"oci:{output}:arm");
        Assert.Equal("arm64", armConfig["architecture"]!.GetValue<string>());
        Assert.Equal(3, armConfig["rootfs"]!["diff_ids"]!.AsArray().Count);
    }

    [Fact]
    public async Task IndexBaseWithoutArchitecture_Fails()
    {
        var layout = WriteIndexLayout(["amd64"]);

        var result = await DistillProcess.RunAsync(["build", "--base", $"oci:{layout}:multi", "--arch", "arm64",
            "--output", $"oci:{work.Combine("out")}:app"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("has no image for linux/arm64/v8 (it has: linux/amd64)", result.StandardError);
    }

    [Fact]
    public async Task UnreachableBase_Fails()
    {
        var port = FreePort.Find();

        var result = await DistillProcess.RunAsync(["build", "--base", $"docker://127.0.0.1:{port}/base/cc:1",
            "--output", $"oci:{work.Combine("out")}:app"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"127.0.0.1:{port}", result.StandardError);
        Assert.False(System.IO.Directory.Exists(work.Combine("out")), "a failed build wrote an OCI layout");
    }

    [Fact]
    public async Task ImageAndBase_Rejected()
    {
        var result = await DistillProcess.RunAsync(["build", "cc", "--base", $"oci:{fixture.Layout}:cc",
            "--output", $"oci:{work.Combine("out")}:app"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("both the image 'cc' and --base", result.StandardError);
    }

    [Fact]
    public async Task NeitherImageNorBase_Rejected()
    {
        var result = await DistillProcess.RunAsync(["build", "--output", $"oci:{work.Combine("out")}:app"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("missing image", result.StandardError);
    }

    [Fact]
    public async Task BaseWithSbom_Rejected()
    {
        var result = await DistillProcess.RunAsync(["build", "--base", $"oci:{fixture.Layout}:cc",
            "--sbom", "spdx", "--output", $"oci:{work.Combine("out")}:app"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--sbom cannot be used with --base", result.StandardError);
    }

    /// <summary>Writes an OCI layout whose tag "multi" names an index of two-layer test images.</summary>
    private string WriteIndexLayout(IReadOnlyList<string> architectures)
    {
        var store = new BlobStore(work.Combine("store"));
        var images = architectures.Select(architecture => TestImages.Build(store, architecture)).ToList();
        var layout = work.Combine("index-layout");
        OciLayout.Write(layout, "multi", ImageBuilder.BuildIndex(images, store), store);
        return layout;
    }

    [Fact]
    public async Task BaseWithDistro_Rejected()
    {
        var result = await DistillProcess.RunAsync(["build", "--base", $"oci:{fixture.Layout}:cc",
            "--distro", "debian12", "--output", $"oci:{work.Combine("out")}:app"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--distro cannot be used with --base", result.StandardError);
    }

    private static List<string> InspectLayers(string reference)
    {
        var manifest = JsonNode.Parse(HostTool.RunChecked("skopeo", "inspect", "--raw", "--tls-verify=false",
            reference))!;
        return [.. manifest["layers"]!.AsArray().Select(layer => layer!["digest"]!.GetValue<string>())];
    }

    private static JsonNode InspectConfig(string reference) =>
        JsonNode.Parse(HostTool.RunChecked("skopeo", "inspect", "--config", "--tls-verify=false", reference))!;

    private static List<string> Strings(JsonNode? array) =>
        [.. (array?.AsArray() ?? []).Select(item => item!.GetValue<string>())];

    /// <summary>Returns the registry's log lines of completed requests with the method and a URI part.</summary>
    private List<string> RequestLines(string method, string uriPart) =>
        [.. Server.Log.Where(line => line.Contains("response completed")
            && line.Contains($"http.request.method={method}") && line.Contains(uriPart))];

    private List<string> LayerDownloads(IReadOnlyList<string> layers) =>
        [.. RequestLines("GET", "/v2/base/cc/blobs/").Where(line => layers.Any(line.Contains))];
}
