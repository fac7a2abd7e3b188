using Distill.Blobs;
using Distill.Layers;
using Xunit;

namespace Distill.Tests.Layers;

public sealed class LayerDeterminismTests : IDisposable
{
    private readonly TestDirectory directory = new();

    public void Dispose() => directory.Dispose();

    /// <summary>
    /// Writes the same entries in two processes, a second apart, so that neither the process id nor the clock
    /// can reach the bytes unnoticed.
    /// </summary>
    [Fact]
    public void TwoProcessesWriteIdenticalBlobs()
    {
        var firstStore = directory.Combine("first");
        var secondStore = directory.Combine("second");

        var firstOutput = LayerWriterProcess.Run(firstStore);
        Thread.Sleep(TimeSpan.FromSeconds(1.1));
        var secondOutput = LayerWriterProcess.Run(secondStore);

        Assert.Equal(firstOutput, secondOutput);
        var digest = Digest.Parse(firstOutput.Split(' ')[0]);
        var firstBlob = File.ReadAllBytes(new BlobStore(firstStore).GetExistingPath(digest));
        var secondBlob = File.ReadAllBytes(new BlobStore(secondStore).GetExistingPath(digest));
        Assert.Equal(firstBlob, secondBlob);
    }

    [Fact]
    public void SeparateProcessMatchesThisProcess()
    {
        var otherProcessOutput = LayerWriterProcess.Run(directory.Combine("other"));

        var layer = LayerWriter.Write(LayerFixtures.EdgeCases(), "edge cases", new BlobStore(directory.Combine("this")));

        Assert.Equal($"{layer.Digest} {layer.DiffId}", otherProcessOutput);
    }

    [Fact]
    public void RewriteKeepsStoredBlob()
    {
        var store = new BlobStore(directory.Combine("store"));
        var first = LayerWriter.Write(LayerFixtures.EdgeCases(), "edge cases", store);
        var firstWriteTime = File.GetLastWriteTimeUtc(store.GetPath(first.Digest));

        var second = LayerWriter.Write(LayerFixtures.EdgeCases(), "edge cases", store);

        Assert.Equal(first, second);
        Assert.Equal(firstWriteTime, File.GetLastWriteTimeUtc(store.GetPath(second.Digest)));
        Assert.Single(Directory.GetFiles(Path.Combine(store.Root, "sha256")));
    }
}
