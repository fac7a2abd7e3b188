using System.Runtime.Versioning;
using System.Text;
using Distill.Blobs;
using Distill.Tests.Layers;
using Xunit;

namespace Distill.Tests.Blobs;

[UnsupportedOSPlatform("windows")]
public sealed class BlobStoreTests : IDisposable
{
    private readonly TestDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void AddStoresBlobUnderDigest()
    {
        var store = new BlobStore(directory.Combine("store"));
        var content = Encoding.ASCII.GetBytes("blob content");

        var descriptor = store.Add(MediaTypes.ImageConfig, content);

        var expectedDigest = Digest.Compute(content);
        Assert.Equal(expectedDigest, descriptor.Digest);
        Assert.Equal(content.Length, descriptor.Size);
        Assert.Equal(MediaTypes.ImageConfig, descriptor.MediaType);
        Assert.Equal(directory.Combine("store", "sha256", expectedDigest.Hex), store.GetExistingPath(expectedDigest));
        Assert.True(store.Contains(expectedDigest));
        Assert.Equal(content, File.ReadAllBytes(store.GetPath(expectedDigest)));
    }

    [Fact]
    public void StoredBlobIsReadOnly()
    {
        var store = new BlobStore(directory.Combine("store"));

        var descriptor = store.Add(MediaTypes.ImageConfig, "x"u8);

        var mode = File.GetUnixFileMode(store.GetPath(descriptor.Digest));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, mode);
    }

    [Fact]
    public void MissingBlobIsNotFound()
    {
        var store = new BlobStore(directory.Combine("store"));
        var digest = Digest.Compute("absent"u8);

        var exception = Assert.Throws<BlobNotFoundException>(() => store.GetExistingPath(digest));

        Assert.False(store.Contains(digest));
        Assert.Equal(digest, exception.Digest);
        Assert.Contains(digest.ToString(), exception.Message);
        Assert.Contains(store.Root, exception.Message);
    }

    [Fact]
    public void ConcurrentAddsOfOneBlob()
    {
        var root = directory.Combine("store");
        var content = new byte[1 << 20];
        new Random(7).NextBytes(content);

        Parallel.For(0, 16, _ => new BlobStore(root).Add(MediaTypes.ImageLayerGzip, content));

        var store = new BlobStore(root);
        Assert.Single(Directory.GetFiles(Path.Combine(root, "sha256")));
        Assert.Empty(Directory.GetFiles(Path.Combine(root, "tmp")));
        Assert.Equal(content, File.ReadAllBytes(store.GetExistingPath(Digest.Compute(content))));
    }

    [Fact]
    public void UncommittedPendingBlobIsDeleted()
    {
        var store = new BlobStore(directory.Combine("store"));

        string tempPath;
        using (var pending = store.CreatePendingBlob())
        {
            pending.Stream.Write("partial"u8);
            tempPath = pending.TempPath;
        }

        Assert.False(File.Exists(tempPath));
        Assert.Empty(Directory.GetFiles(Path.Combine(store.Root, "sha256")));
    }
}
