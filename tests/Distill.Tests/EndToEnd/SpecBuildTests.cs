using System.Formats.Tar;
using System.IO.Compression;
using Distill.Tests.Fixtures;

namespace Distill.Tests.EndToEnd;

/// <summary>
/// Builds images from image spec files with the command line and the Debian archive: inline files,
/// directories and symbolic links in the application layer, and the base chosen for a spec without one.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SpecBuildTests : IDisposable
{
    private const string HelloC = "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n";

    private const string HelloCpp =
        "#include <iostream>\nint main() { std::cout << \"hello\" << std::endl; return 0; }\n";

    private readonly TemporaryDirectory work = new("distill-spec");

    public void Dispose() => work.Dispose();

    [Fact]
    public async Task StaticSpec_StoresInlineFileAndSymlink()
    {
        var spec = Write("image.yaml", """
            base: static
            architectures: [amd64]
            files:
              - content: "hello from a spec\n"
                destination: /etc/app/greeting
                mode: "0640"
                uid: 65532
                gid: 65532
            directories:
              - path: /var/lib/app
                mode: "0700"
            symlinks:
              - path: /app/greeting
                target: /etc/app/greeting
            """);
        var layout = work.Combine("layout");

        var result = await DistillProcess.RunSuccessfullyAsync(["build", spec, "--quiet", "--output", $"oci:{layout}"]);

        var layers = new OciLayoutFiles(layout).LayerDigests(result.LastDigest());
        var entries = ReadLayer(new OciLayoutFiles(layout).BlobPath(layers[^1]));
        var greeting = entries["etc/app/greeting"];
        Assert.Equal(TarEntryType.RegularFile, greeting.Type);
        Assert.Equal("hello from a spec\n", greeting.Content);
        Assert.Equal(0b110_100_000, (int)greeting.Mode);
        Assert.Equal(65532, greeting.Uid);
        var link = entries["app/greeting"];
        Assert.Equal(TarEntryType.SymbolicLink, link.Type);
        Assert.Equal("/etc/app/greeting", link.LinkName);
        var directory = entries["var/lib/app"];
        Assert.Equal(TarEntryType.Directory, directory.Type);
        Assert.Equal(0b111_000_000, (int)directory.Mode);
    }

    [Fact]
    public async Task StaticSpec_AddsUsersAndGroups()
    {
        var spec = Write("accounts.yaml", """
            base: static
            architectures: [amd64]
            users:
              - name: app
                uid: 1000
                gid: 1000
                home: /home/app
            groups:
              - name: app
                gid: 1000
                members: [app]
            """);
        var layout = work.Combine("accounts");

        var result = await DistillProcess.RunSuccessfullyAsync(["build", spec, "--quiet", "--output", $"oci:{layout}"]);

        var layers = new OciLayoutFiles(layout).LayerDigests(result.LastDigest());
        var entries = ReadLayer(new OciLayoutFiles(layout).BlobPath(layers[^1]));
        Assert.Equal(
            "root:x:0:0:root:/root:/sbin/nologin\n" +
            "nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n" +
            "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n" +
            "app:x:1000:1000:app:/home/app:/sbin/nologin\n",
            entries["etc/passwd"].Content);
        Assert.EndsWith("nonroot:x:65532:\napp:x:1000:app\n", entries["etc/group"].Content);
        var home = entries["home/app"];
        Assert.Equal(TarEntryType.Directory, home.Type);
        Assert.Equal(0b111_000_000, (int)home.Mode);
        Assert.Equal(1000, home.Uid);
    }

    [Fact]
    public async Task Spec_RejectsUserThatBaseHas()
    {
        var spec = Write("duplicate.yaml", """
            base: static
            architectures: [amd64]
            users:
              - name: nonroot
                uid: 4000
            """);

        var result = await DistillProcess.RunAsync(["build", spec, "--output", $"oci:{work.Combine("duplicate")}"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("user 'nonroot' (4000) is already in /etc/passwd", result.StandardError);
        Assert.False(Directory.Exists(work.Combine("duplicate")));
    }

    [Fact]
    public async Task SpecWithoutBase_ChoosesCcForCpp()
    {
        HostTool.Require("g++");
        var source = Write("hello.cpp", HelloCpp);
        HostTool.RunChecked("g++", "-o", work.Combine("hello"), source);

        var result = await BuildWithoutBaseAsync();

        Assert.Contains("static lacks the interpreter /lib64/ld-linux-x86-64.so.2; "
            + "base-nossl lacks libstdc++.so.6; base lacks libstdc++.so.6; chose cc", result.StandardError);
    }

    [Fact]
    public async Task SpecWithoutBase_ChoosesStaticForStaticProgram()
    {
        HostTool.Require("gcc");
        var source = Write("hello.c", HelloC);
        HostTool.RunChecked("gcc", "-static", "-o", work.Combine("hello"), source);

        var result = await BuildWithoutBaseAsync();

        Assert.Contains("Base image: chose static", result.StandardError);
    }

    [Fact]
    public async Task CommandLine_OverridesSpec()
    {
        var spec = Write("image.yaml", "base: static\narchitectures: [amd64]\nlabels: {tier: spec}\n");
        var layout = work.Combine("layout");

        var result = await DistillProcess.RunSuccessfullyAsync(
            ["build", spec, "--quiet", "--label", "tier=cli", "--output", $"oci:{layout}"]);

        var files = new OciLayoutFiles(layout);
        var manifest = files.ReadJsonBlob(result.LastDigest());
        var config = files.ReadJsonBlob((string)manifest["config"]!["digest"]!);
        Assert.Equal("cli", (string?)config["config"]!["Labels"]!["tier"]);
    }

    [Fact]
    public async Task InvalidSpec_FailsWithPosition()
    {
        var spec = Write("image.yaml", "base: static\nentrypiont: [/app]\n");

        var result = await DistillProcess.RunAsync(["build", spec, "--output", $"oci:{work.Combine("layout")}"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"{spec}:2:1: unknown key 'entrypiont' in the spec", result.StandardError);
    }

    /// <summary>Builds the program at "hello" from a spec that names no base, logging at information level.</summary>
    private async Task<DistillResult> BuildWithoutBaseAsync()
    {
        var spec = Write("image.yaml", """
            architectures: [amd64]
            files:
              - source: hello
                destination: /app/hello
            entrypoint: [/app/hello]
            """);
        return await DistillProcess.RunSuccessfullyAsync(
            ["build", spec, "--output", $"oci:{work.Combine("layout")}"]);
    }

    private string Write(string name, string text)
    {
        var path = work.Combine(name);
        File.WriteAllText(path, text);
        return path;
    }

    private static Dictionary<string, LayerEntry> ReadLayer(string path)
    {
        using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new TarReader(stream);
        var entries = new Dictionary<string, LayerEntry>(StringComparer.Ordinal);
        while (reader.GetNextEntry() is { } entry)
        {
            var content = entry.DataStream is null ? "" : new StreamReader(entry.DataStream).ReadToEnd();
            var name = entry.Name.TrimStart('.', '/').TrimEnd('/');
            entries[name] = new LayerEntry(entry.EntryType, entry.Mode, entry.Uid, entry.LinkName, content);
        }

        return entries;
    }

    private sealed record LayerEntry(TarEntryType Type, UnixFileMode Mode, int Uid, string LinkName, string Content);
}
