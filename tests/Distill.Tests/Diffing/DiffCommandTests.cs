using System.Text.Json.Nodes;
using Distill.Tests.EndToEnd;
using Distill.Tests.Layers;

namespace Distill.Tests.Diffing;

/// <summary>Builds the images that the diff tests compare, once, into one OCI layout.</summary>
public sealed class DiffImages : IAsyncLifetime
{
    private readonly TestDirectory directory = new();

    public string Reference(string tag) => $"oci:{directory.Combine("images")}:{tag}";

    public async Task InitializeAsync()
    {
        string[][] builds =
        [
            ["static", "--output", Reference("static")],
            ["static", "--nonroot", "--output", Reference("static-nonroot")],
            ["base-nossl", "--output", Reference("base-nossl")],
            ["base", "--output", Reference("base")],
            ["cc", "--distro", "debian12", "--output", Reference("cc-debian12")],
            ["cc", "--distro", "debian13", "--output", Reference("cc-debian13")],
        ];
        foreach (var build in builds)
        {
            await DistillProcess.RunSuccessfullyAsync(["build", .. build, "--quiet"]);
        }
    }

    public Task DisposeAsync()
    {
        directory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Runs `distill diff --json` on pairs of built images and checks what it reports.</summary>
public sealed class DiffCommandTests(DiffImages images) : IClassFixture<DiffImages>
{
    private async Task<JsonNode> DiffAsync(string first, string second)
    {
        var result = await DistillProcess.RunSuccessfullyAsync(
            ["diff", images.Reference(first), images.Reference(second), "--json"]);
        return JsonNode.Parse(result.StandardOutput)!;
    }

    private static Dictionary<string, JsonNode> ByKey(JsonNode root, string section, string key) =>
        root[section]!.AsArray().ToDictionary(item => item![key]!.GetValue<string>(), item => item!);

    [Fact]
    public async Task StaticNonroot_DiffersInUserAndWorkingDir()
    {
        var root = await DiffAsync("static", "static-nonroot");

        var config = ByKey(root, "config", "field");
        Assert.Equal(["User", "WorkingDir"], config.Keys.Order());
        Assert.Equal("65532", config["User"]["new"]!.GetValue<string>());
        Assert.Equal("/home/nonroot", config["WorkingDir"]["new"]!.GetValue<string>());
        Assert.Empty(root["packages"]!.AsArray());
    }

    [Fact]
    public async Task BaseOverNossl_AddsSslPackagesAndLibraries()
    {
        var root = await DiffAsync("base-nossl", "base");

        var packages = ByKey(root, "packages", "name");
        Assert.Contains("libssl3t64", packages.Keys);
        Assert.All(packages.Values, package => Assert.Equal("added", package["change"]!.GetValue<string>()));
        var libssl = packages["libssl3t64"]["new"]!;
        Assert.StartsWith("3.", libssl["version"]!.GetValue<string>());
        Assert.True(libssl["size"]!.GetValue<long>() > 1_000_000, "libssl3t64's files should exceed 1 MB");
        var files = ByKey(root, "files", "path");
        Assert.Contains("usr/lib/x86_64-linux-gnu/libssl.so.3", files.Keys);
        Assert.All(files.Values, file => Assert.Equal("added", file["change"]!.GetValue<string>()));
        Assert.Equal(root["images"]![0]!["layers"]!.GetValue<int>() + 1,
            root["images"]![1]!["layers"]!.GetValue<int>());
    }

    [Fact]
    public async Task CcAcrossReleases_ChangesVersions()
    {
        var root = await DiffAsync("cc-debian12", "cc-debian13");

        var packages = ByKey(root, "packages", "name");
        var changed = packages.Values.Where(package => package["change"]!.GetValue<string>() == "changed").ToList();
        Assert.NotEmpty(changed);
        Assert.Contains("libgcc-s1", packages.Keys);
        var libgcc = packages["libgcc-s1"];
        Assert.Equal("changed", libgcc["change"]!.GetValue<string>());
        Assert.StartsWith("12.", libgcc["old"]!["version"]!.GetValue<string>());
        Assert.StartsWith("14.", libgcc["new"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task SameImage_HasNoDifferences()
    {
        var result = await DistillProcess.RunAsync(
            ["diff", images.Reference("base"), images.Reference("base"), "--json", "--exit-code"]);

        Assert.Equal(0, result.ExitCode);
        var root = JsonNode.Parse(result.StandardOutput)!;
        Assert.True(root["identical"]!.GetValue<bool>());
        Assert.Empty(root["files"]!.AsArray());
        Assert.Empty(root["packages"]!.AsArray());
        Assert.Empty(root["config"]!.AsArray());
    }

    [Fact]
    public async Task ExitCodeOption_ReturnsOneWhenDifferent()
    {
        var withOption = await DistillProcess.RunAsync(
            ["diff", images.Reference("static"), images.Reference("static-nonroot"), "--exit-code"]);
        var without = await DistillProcess.RunAsync(
            ["diff", images.Reference("static"), images.Reference("static-nonroot")]);

        Assert.Equal(1, withOption.ExitCode);
        Assert.Equal(0, without.ExitCode);
        Assert.Contains("The images differ.", without.StandardOutput);
    }

    [Fact]
    public async Task Tables_SummariseManyFiles()
    {
        var summary = await DistillProcess.RunSuccessfullyAsync(
            ["diff", images.Reference("static"), images.Reference("cc-debian13")]);
        var full = await DistillProcess.RunSuccessfullyAsync(
            ["diff", images.Reference("static"), images.Reference("cc-debian13"), "--files"]);

        Assert.Contains("more; run with --files to list every file.", summary.StandardOutput);
        Assert.DoesNotContain("run with --files", full.StandardOutput);
        Assert.True(full.StandardOutput.Length > summary.StandardOutput.Length);
    }
}
