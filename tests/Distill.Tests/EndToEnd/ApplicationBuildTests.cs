using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using Distill.Debian.Packages;
using Distill.Tests.Fixtures;
using Distill.Tests.Support;

namespace Distill.Tests.EndToEnd;

/// <summary>
/// Builds images with an application on top, from the Debian archive, with the command line. A C++ HTTP
/// server compiled here runs on cc with runc. Each problem of an entrypoint program fails the build with
/// its message before any image is written.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ApplicationBuildTests : IDisposable
{
    private const string ResponseBody = "hello from distill\n";

    private const string ServerSource = """
        #include <arpa/inet.h>
        #include <netinet/in.h>
        #include <string>
        #include <sys/socket.h>
        #include <unistd.h>
        int main(int argc, char **argv) {
          if (argc < 2) return 2;
          int listener = socket(AF_INET, SOCK_STREAM, 0);
          int yes = 1;
          setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
          sockaddr_in address{};
          address.sin_family = AF_INET;
          address.sin_port = htons(std::stoi(argv[1]));
          address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
          if (bind(listener, (sockaddr *)&address, sizeof address) != 0 || listen(listener, 1) != 0) return 3;
          int client = accept(listener, nullptr, nullptr);
          char request[4096];
          read(client, request, sizeof request);
          std::string body = "hello from distill\n";
          std::string response = "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size())
              + "\r\nConnection: close\r\n\r\n" + body;
          write(client, response.data(), response.size());
          close(client);
          close(listener);
          return 0;
        }
        """;

    private readonly TemporaryDirectory work = new("distill-application");

    public void Dispose() => work.Dispose();

    [Fact]
    public async Task CppServer_AnswersFromCcImage()
    {
        var server = CompileServer();
        var port = FreePort();
        var layout = work.Combine("layout");
        var plain = await DistillProcess.RunSuccessfullyAsync(
            ["build", "cc", "--arch", "amd64", "--quiet", "--output", $"oci:{layout}:plain"]);
        var application = await DistillProcess.RunSuccessfullyAsync(
            ["build", "cc", "--arch", "amd64", "--quiet", "--add", $"{server}:/app/server",
             "--entrypoint", $"[\"/app/server\",\"{port}\"]", "--port", $"{port}/tcp",
             "--output", $"oci:{layout}:app"]);

        var files = new OciLayoutFiles(layout);
        var baseLayers = files.LayerDigests(plain.LastDigest());
        var applicationLayers = files.LayerDigests(application.LastDigest());
        Assert.Equal(baseLayers.Count + 1, applicationLayers.Count);
        Assert.Equal(baseLayers, applicationLayers.Take(baseLayers.Count));

        var body = await RunAndRequestAsync(layout, "app", port);
        Assert.Equal(ResponseBody, body);
    }

    [Theory]
    [InlineData("static", "interpreter '/lib64/ld-linux-x86-64.so.2'", "link it statically")]
    [InlineData("base", "library 'libstdc++.so.6'", "Build on cc")]
    public async Task CppServer_FailsOnSmallerImage(string image, string problem, string fix)
    {
        var server = CompileServer();

        var result = await BuildAsync(image, "--add", $"{server}:/app/server", "--entrypoint", "[\"/app/server\",\"1\"]");

        AssertFailed(result, problem);
        Assert.Contains(fix, result.StandardError);
    }

    [Fact]
    public async Task ShellStringEntrypoint_ShowsArrayForm()
    {
        var result = await BuildAsync("static", "--entrypoint", "/app/server --port 8080");

        AssertFailed(result, "invalid --entrypoint '/app/server --port 8080'");
        Assert.Contains("--entrypoint '[\"/app/server\",\"--port\",\"8080\"]'", result.StandardError);
    }

    [Fact]
    public async Task ShellSyntaxCmd_IsRejected()
    {
        var result = await BuildAsync("static", "--cmd", "run&&exit");

        AssertFailed(result, "invalid --cmd 'run&&exit'");
    }

    [Fact]
    public async Task MissingEntrypoint_FailsBuild()
    {
        var result = await BuildAsync("static", "--entrypoint", "[\"/app/missing\"]");

        AssertFailed(result, "program '/app/missing' not found in the image");
    }

    [Fact]
    public async Task RelativeEntrypoint_ResolvesAgainstWorkdir()
    {
        var program = work.Combine("hello");
        File.WriteAllText(program, "not a program");
        File.SetUnixFileMode(program, (UnixFileMode)0b111_101_101);

        var missing = await BuildAsync("static", "--add", $"{program}:/app/hello", "--entrypoint", "./hello");
        AssertFailed(missing, "resolves to '/hello' against the working directory '/'");

        var found = await BuildAsync("static", "--add", $"{program}:/app/hello", "--entrypoint", "./hello",
            "--workdir", "/app");
        Assert.Equal(0, found.ExitCode);
    }

    [Fact]
    public async Task NonExecutableEntrypoint_FailsBuild()
    {
        var program = work.Combine("data");
        File.WriteAllText(program, "data");
        File.SetUnixFileMode(program, (UnixFileMode)0b110_100_100);

        var result = await BuildAsync("static", "--add", $"{program}:/app/data", "--entrypoint", "/app/data");

        AssertFailed(result, "program '/app/data' cannot be executed: '/app/data' has mode 0644");
    }

    [Fact]
    public async Task DirectoryEntrypoint_FailsBuild()
    {
        var result = await BuildAsync("static", "--entrypoint", "/etc");

        AssertFailed(result, "'/etc' is a directory");
    }

    [Fact]
    public async Task Arm64Program_FailsAmd64Build()
    {
        var download = await DebianMirror.DownloadAsync("bookworm", "arm64", "busybox-static");
        var busybox = DebReader.Read(download.Path).Files.Single(file => file.Path == "bin/busybox");
        var program = work.Combine("busybox-arm64");
        using (var output = File.Create(program))
        using (var content = busybox.Content!.Open())
        {
            content.CopyTo(output);
        }

        var result = await BuildAsync("static", "--add", $"{program}:/app/busybox:0755",
            "--entrypoint", "/app/busybox");

        AssertFailed(result, "program '/app/busybox' is an ELF file for arm64 but the image is for amd64");
    }

    [Fact]
    public async Task ShellScript_FailsWithoutShell()
    {
        var script = work.Combine("start.sh");
        File.WriteAllText(script, "#!/bin/sh\nexec /app/server\n");
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);

        var result = await BuildAsync("cc", "--add", $"{script}:/app/start.sh", "--entrypoint", "/app/start.sh");

        AssertFailed(result, "interpreter '/bin/sh' of program '/app/start.sh'");
        Assert.Contains("--debug", result.StandardError);
    }

    [Fact]
    public async Task NoCheck_TurnsProblemIntoWarning()
    {
        var layout = work.Combine("layout");

        var result = await BuildAsync("static", "--entrypoint", "/app/missing", "--no-check", "--output",
            $"oci:{layout}:app");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("program '/app/missing' not found", result.StandardError);
        Assert.Contains("--no-check", result.StandardError);
    }

    [Fact]
    public async Task AddedTree_KeepsModesOwnersAndLinks()
    {
        var tree = CreateTree();
        var layout = work.Combine("layout");

        var first = await BuildAsync("static", "--add", $"{tree}:/opt/tree::1000:1001",
            "--add", $"{work.Combine("tool")}:/usr/local/bin/tool:4755", "--output", $"oci:{layout}:first");
        var second = await BuildAsync("static", "--add", $"{tree}:/opt/tree::1000:1001",
            "--add", $"{work.Combine("tool")}:/usr/local/bin/tool:4755", "--output", $"oci:{layout}:second");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.LastDigest(), second.LastDigest());
        var files = new OciLayoutFiles(layout);
        var entries = ReadLayer(files.BlobPath(files.LayerDigests(first.LastDigest())[^1]));
        var longPath = "opt/tree/" + new string('d', 120) + "/" + new string('f', 120);
        Assert.Equal(TarEntryType.Directory, entries["opt/tree/sticky"].EntryType);
        Assert.Equal((UnixFileMode)0b001_111_111_111, entries["opt/tree/sticky"].Mode);
        Assert.Equal((UnixFileMode)0b100_111_101_101, entries["usr/local/bin/tool"].Mode);
        Assert.Equal(0, entries["usr/local/bin/tool"].Uid);
        Assert.Equal(1000, entries["opt/tree/data.txt"].Uid);
        Assert.Equal(1001, entries["opt/tree/data.txt"].Gid);
        Assert.Equal(TarEntryType.SymbolicLink, entries["opt/tree/link"].EntryType);
        Assert.Equal("data.txt", entries["opt/tree/link"].LinkName);
        Assert.Equal(TarEntryType.HardLink, entries["opt/tree/same.txt"].EntryType);
        Assert.Equal("opt/tree/data.txt", entries["opt/tree/same.txt"].LinkName.TrimStart('.', '/'));
        Assert.Contains(longPath, entries.Keys);
        Assert.Contains("opt/tree/grüße-日本.txt", entries.Keys);
        Assert.Equal(DateTimeOffset.UnixEpoch, entries["opt/tree/data.txt"].ModificationTime);
    }

    [Fact]
    public async Task ConfigOptions_ReachImageConfig()
    {
        var layout = work.Combine("layout");

        var result = await BuildAsync("static", "--env", "PATH=/app", "--env", "MODE=prod", "--workdir", "/app",
            "--user", "65532", "--port", "8080", "--port", "53/udp", "--label", "team=web", "--annotation",
            "org.opencontainers.image.title=demo", "--volume", "/data", "--stop-signal", "SIGINT",
            "--cmd", "[\"serve\"]", "--no-check", "--output", $"oci:{layout}:app");

        Assert.Equal(0, result.ExitCode);
        var files = new OciLayoutFiles(layout);
        var manifest = files.ReadJsonBlob(result.LastDigest());
        var config = files.ReadJsonBlob(manifest["config"]!["digest"]!.GetValue<string>())["config"]!;
        Assert.Equal("demo", manifest["annotations"]!["org.opencontainers.image.title"]!.GetValue<string>());
        Assert.Equal("PATH=/app", config["Env"]![0]!.GetValue<string>());
        Assert.Contains("MODE=prod", config["Env"]!.AsArray().Select(value => value!.GetValue<string>()));
        Assert.Equal("/app", config["WorkingDir"]!.GetValue<string>());
        Assert.Equal("65532", config["User"]!.GetValue<string>());
        Assert.NotNull(config["ExposedPorts"]!["8080/tcp"]);
        Assert.NotNull(config["ExposedPorts"]!["53/udp"]);
        Assert.Equal("web", config["Labels"]!["team"]!.GetValue<string>());
        Assert.NotNull(config["Volumes"]!["/data"]);
        Assert.Equal("SIGINT", config["StopSignal"]!.GetValue<string>());
        Assert.Equal("serve", config["Cmd"]![0]!.GetValue<string>());
    }

    private string CreateTree()
    {
        var tree = work.Combine("tree");
        Directory.CreateDirectory(Path.Combine(tree, "sticky"));
        File.SetUnixFileMode(Path.Combine(tree, "sticky"), (UnixFileMode)0b001_111_111_111);
        File.WriteAllText(Path.Combine(tree, "data.txt"), "data\n");
        File.CreateSymbolicLink(Path.Combine(tree, "link"), "data.txt");
        ExternalTool.RunChecked("ln", [Path.Combine(tree, "data.txt"), Path.Combine(tree, "same.txt")]);
        var longDirectory = Path.Combine(tree, new string('d', 120));
        Directory.CreateDirectory(longDirectory);
        File.WriteAllText(Path.Combine(longDirectory, new string('f', 120)), "long\n");
        File.WriteAllText(Path.Combine(tree, "grüße-日本.txt"), "unicode\n");
        File.WriteAllText(work.Combine("tool"), "#!/nothing\n");
        return tree;
    }

    private static Dictionary<string, TarEntry> ReadLayer(string blobPath)
    {
        using var blob = File.OpenRead(blobPath);
        using var gzip = new GZipStream(blob, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var entries = new Dictionary<string, TarEntry>(StringComparer.Ordinal);
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            entries[entry.Name.TrimStart('.', '/').TrimEnd('/')] = entry;
        }

        return entries;
    }

    private string CompileServer()
    {
        HostTool.Require("g++");
        var source = work.Combine("server.cpp");
        File.WriteAllText(source, ServerSource);
        var server = work.Combine("server");
        ExternalTool.RunChecked("g++", ["-O2", "-o", server, source]);
        return server;
    }

    private Task<DistillResult> BuildAsync(string image, params string[] options)
    {
        var hasOutput = options.Contains("--output");
        string[] output = hasOutput ? [] : ["--output", $"oci:{work.Combine("unused")}:x"];
        return DistillProcess.RunAsync(["build", image, "--arch", "amd64", .. options, .. output]);
    }

    private void AssertFailed(DistillResult result, string message)
    {
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.StandardError);
        Assert.False(Directory.Exists(work.Combine("unused")), "a failed build wrote an OCI layout");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Unpacks the image with umoci, runs it with runc in the host's network namespace so that the server
    /// listens on the host's 127.0.0.1, and returns the body of one GET request.
    /// </summary>
    private async Task<string> RunAndRequestAsync(string layout, string tag, int port)
    {
        var bundle = work.Combine("bundle");
        HostTool.RunChecked("umoci", "unpack", "--image", $"{layout}:{tag}", bundle);
        var configPath = Path.Combine(bundle, "config.json");
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(configPath))!;
        config["process"]!["terminal"] = false;
        var namespaces = config["linux"]!["namespaces"]!.AsArray();
        foreach (var network in namespaces.Where(entry => entry!["type"]!.GetValue<string>() == "network").ToList())
        {
            namespaces.Remove(network);
        }

        File.WriteAllText(configPath, config.ToJsonString());
        HostTool.Require("runc");
        var containerId = $"distill-app-{Environment.ProcessId}-{port}";
        var start = new ProcessStartInfo("runc", ["run", containerId])
        {
            WorkingDirectory = bundle,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var container = Process.Start(start)!;
        try
        {
            var body = await RequestWithRetriesAsync(port, container);
            await container.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, container.ExitCode);
            return body;
        }
        finally
        {
            if (!container.HasExited)
            {
                container.Kill(entireProcessTree: true);
            }

            ExternalTool.Run("runc", ["delete", "--force", containerId]);
        }
    }

    private static async Task<string> RequestWithRetriesAsync(int port, Process container)
    {
        using var handler = new HttpClientHandler { UseProxy = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await http.GetStringAsync($"http://127.0.0.1:{port}/");
            }
            catch (HttpRequestException) when (attempt < 50 && !container.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }
}
