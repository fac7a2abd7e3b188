using Distill.Output;
using Xunit;

namespace Distill.Tests.Output;

public sealed class OutputReferenceTests
{
    [Theory]
    [InlineData("oci:out", "out", null)]
    [InlineData("oci:out:latest", "out", "latest")]
    [InlineData("oci:/tmp/layout:1.0", "/tmp/layout", "1.0")]
    [InlineData("oci:out:team/app:v1", "out", "team/app:v1")]
    public void OciReferenceIsParsed(string value, string directory, string? tag)
    {
        var reference = Assert.IsType<OciLayoutReference>(OutputReference.Parse(value));

        Assert.Equal(directory, reference.Directory);
        Assert.Equal(tag, reference.Tag);
    }

    [Theory]
    [InlineData("docker-archive:image.tar", "image.tar", null, null)]
    [InlineData("docker-archive:image.tar:app", "image.tar", "app", "latest")]
    [InlineData("docker-archive:image.tar:app:1.0", "image.tar", "app", "1.0")]
    [InlineData("docker-archive:out/image.tar:example.com:5000/team/app:1.0", "out/image.tar",
        "example.com:5000/team/app", "1.0")]
    [InlineData("docker-archive:image.tar:localhost:5000/app", "image.tar", "localhost:5000/app", "latest")]
    public void DockerArchiveReferenceIsParsed(string value, string file, string? name, string? tag)
    {
        var reference = Assert.IsType<DockerArchiveReference>(OutputReference.Parse(value));

        Assert.Equal(file, reference.File);
        Assert.Equal(name, reference.Name);
        Assert.Equal(tag, reference.Tag);
    }

    [Theory]
    [InlineData("", "the transport is not supported")]
    [InlineData("containers-storage:app:1", "the transport is not supported")]
    [InlineData("out", "the transport is not supported")]
    [InlineData("oci:", "the directory is missing")]
    [InlineData("oci::tag", "the directory is missing")]
    [InlineData("oci:out:", "the tag '' is invalid")]
    [InlineData("oci:out:bad tag", "the tag 'bad tag' is invalid")]
    [InlineData("docker-archive:", "the file is missing")]
    [InlineData("docker-archive::app:1", "the file is missing")]
    [InlineData("docker-archive:image.tar:App:1", "the repository name 'App' is invalid")]
    [InlineData("docker-archive:image.tar:app:", "the tag '' is invalid")]
    [InlineData("docker-archive:image.tar:app:-x", "the tag '-x' is invalid")]
    [InlineData("docker-archive:image.tar:app@sha256:abc", "not a digest")]
    public void InvalidReferenceIsRejected(string value, string expectedMessage)
    {
        var exception = Assert.Throws<InvalidOutputReferenceException>(() => OutputReference.Parse(value));

        Assert.Equal(value, exception.Value);
        Assert.Contains($"'{value}'", exception.Message);
        Assert.Contains(expectedMessage, exception.Message);
    }
}
