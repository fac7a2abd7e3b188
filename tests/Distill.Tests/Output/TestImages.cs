using Distill.Blobs;
using Distill.Images;
using Distill.Layers;
using static Distill.Tests.Layers.LayerFixtures;

namespace Distill.Tests.Output;

/// <summary>Realistic small images: a layer with directories and a layer with a static executable.</summary>
public static class TestImages
{
    public const string ProgramPath = "usr/local/bin/hello";

    public static Image Build(BlobStore store, string debianArchitecture = "amd64", string label = "test")
    {
        var baseLayer = LayerWriter.Write(
            [
                DirectoryEntry("etc"),
                RegularFile("etc/os-release", "ID=distill-test\n"),
                DirectoryEntry("tmp", mode: 0b001_111_111_111),
                DirectoryEntry("usr"),
                DirectoryEntry("usr/local"),
                DirectoryEntry("usr/local/bin"),
            ],
            "base directories",
            store);
        var programLayer = LayerWriter.Write(
            [RegularFile(ProgramPath, Layers.StaticTestProgram.Content, mode: 0b111_101_101)],
            "hello program",
            store);
        var config = new ContainerConfig
        {
            Entrypoint = ["/" + ProgramPath],
            Env = ["PATH=/usr/local/bin:/usr/bin"],
            Labels = new Dictionary<string, string> { ["test"] = label },
        };
        var platform = Platform.FromDebianArchitecture(debianArchitecture);
        return ImageBuilder.Build(new ImageConfig(platform, config, [baseLayer, programLayer], Time), store);
    }
}
