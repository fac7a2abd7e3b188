using System.Text.Json.Nodes;
using Distill.Tests.Layers;

namespace Distill.Tests.EndToEnd;

/// <summary>
/// Loads, builds on and runs Distill's images with podman, using only local images: every podman command
/// that could pull gets --pull=never, and containers run with runc and explicit rlimits. Each test removes
/// the images it created by name.
/// </summary>
public sealed class PodmanTests : IDisposable
{
    private static readonly string[] RunOptions =
    [
        "--rm", "--pull=never", "--runtime", "runc", "--network", "none",
        "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024",
    ];

    private readonly TestDirectory directory = new();

    private readonly List<string> imagesToRemove = [];

    public void Dispose()
    {
        foreach (var image in imagesToRemove)
        {
            ExternalTool.Run("podman", "rmi", image);
        }

        directory.Dispose();
    }

    [Fact]
    public async Task LoadedArchiveHasNonrootUser()
    {
        var archive = directory.Combine("static-nonroot.tar");
        var result = await DistillProcess.RunSuccessfullyAsync(
            ["build", "static", "--nonroot", "--output", $"docker-archive:{archive}:distill/static:nonroot"]);
        var imageId = result.LastDigest();

        var loadOutput = HostTool.RunChecked("podman", "load", "-i", archive);

        var loadedName = loadOutput.Split('\n')
            .Where(line => line.StartsWith("Loaded image", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(':') + 1)..].Trim())
            .SingleOrDefault();
        Assert.True(loadedName is not null, $"podman load printed no 'Loaded image' line:\n{loadOutput}");
        imagesToRemove.Add(loadedName);
        Assert.EndsWith("distill/static:nonroot", loadedName);
        var inspectOutput = HostTool.RunChecked("podman", "image", "inspect", loadedName);
        var inspect = JsonNode.Parse(inspectOutput)!.AsArray().Single()!;
        Assert.Equal("65532", inspect["Config"]?["User"]?.GetValue<string>());
        Assert.Equal(imageId, "sha256:" + inspect["Id"]!.GetValue<string>());
    }

    [Fact]
    public async Task DockerfileFromOciLayoutRuns()
    {
        var layout = directory.Combine("layout");
        await DistillProcess.RunSuccessfullyAsync(["build", "cc", "--output", $"oci:{layout}:cc"]);
        var context = directory.Combine("context");
        Directory.CreateDirectory(context);
        File.WriteAllText(Path.Combine(context, "hello.cpp"), HelloProgram);
        HostTool.RunChecked("g++", "-O2", "-o", Path.Combine(context, "hello"), Path.Combine(context, "hello.cpp"));
        File.WriteAllText(Path.Combine(context, "Dockerfile"),
            $"FROM oci:{layout}:cc\nCOPY hello /hello\nENTRYPOINT [\"/hello\"]\n");
        var image = $"localhost/distill-test-hello-{Guid.NewGuid():N}";

        var build = HostTool.Run(
            "podman", "build", "--pull=never", "--layers=false", "--runtime", "runc", "-t", image, context);
        imagesToRemove.Add(image);
        imagesToRemove.AddRange(BaseImagesNamedAfter(layout));
        Assert.True(build.ExitCode == 0, $"podman build exited with {build.ExitCode}:\n{build.Error}{build.Output}");

        var container = $"distill-test-{Guid.NewGuid():N}";
        var run = HostTool.RunChecked("podman", ["run", .. RunOptions, "--name", container, image]);
        Assert.Equal("hello from cc: caught thrown by the test\n", run);
    }

    /// <summary>
    /// Returns the names that podman gave the images it read from <paramref name="layout"/> as a build base.
    /// Podman 4.3.1, as run here, names such an image "localhost" plus the layout path, with the tag "latest".
    /// </summary>
    private static IEnumerable<string> BaseImagesNamedAfter(string layout)
    {
        var names = ExternalTool.RunChecked("podman", "images", "--format", "{{.Repository}}:{{.Tag}}");
        return names.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(name => name.Contains(layout, StringComparison.Ordinal))
            .ToList();
    }

    private const string HelloProgram = """
        #include <iostream>
        #include <stdexcept>

        int main() {
          try {
            throw std::runtime_error("thrown by the test");
          } catch (const std::exception &error) {
            std::cout << "hello from cc: caught " << error.what() << std::endl;
          }
          return 0;
        }
        """;
}
