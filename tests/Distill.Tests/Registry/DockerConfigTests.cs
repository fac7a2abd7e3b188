using System.Text;
using Distill.Registry;
using Distill.Tests.Layers;

namespace Distill.Tests.Registry;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DockerConfigTests : IDisposable
{
    private readonly TestDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task ReadsBase64AuthByHostOrUrl()
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("user:pa:ss"));
        WriteConfig($$$"""{"auths": {"https://registry.example/v1/": {"auth": "{{{auth}}}"} } }""");

        var credentials = await DockerConfig.Load(directory.Path)!.GetCredentialsAsync("registry.example", default);

        Assert.Equal(new RegistryCredentials("user", "pa:ss"), credentials);
        Assert.Null(await DockerConfig.Load(directory.Path)!.GetCredentialsAsync("other.example", default));
    }

    [Fact]
    public async Task RunsCredentialHelperWithHostOnStandardInput()
    {
        var bin = directory.Combine("bin");
        Directory.CreateDirectory(bin);
        var helper = Path.Combine(bin, "docker-credential-distilltest");
        File.WriteAllText(helper, "#!/bin/sh\n[ \"$1\" = get ] || exit 2\nread host\n"
            + "if [ \"$host\" = registry.example ]; then\n"
            + "  printf '{\"ServerURL\":\"%s\",\"Username\":\"helper-user\",\"Secret\":\"helper-secret\"}' \"$host\"\n"
            + "else\n  echo 'credentials not found in native keychain'; exit 1\nfi\n");
        File.SetUnixFileMode(helper, (UnixFileMode)0b111_101_101);
        WriteConfig("""{"credHelpers": {"registry.example": "distilltest"}, "credsStore": "distilltest"}""");
        var path = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", bin + ":" + path);
        try
        {
            var config = DockerConfig.Load(directory.Path)!;

            var found = await config.GetCredentialsAsync("registry.example", default);
            var missing = await config.GetCredentialsAsync("other.example", default);

            Assert.Equal(new RegistryCredentials("helper-user", "helper-secret"), found);
            Assert.Null(missing);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }
    }

    [Fact]
    public void CredentialsTextHidesPassword()
    {
        var credentials = RegistryCredentials.Parse("user:hunter2", "--creds");

        Assert.DoesNotContain("hunter2", credentials.ToString());
        Assert.Throws<DistillException>(() => RegistryCredentials.Parse("no-colon", "--creds"));
    }

    private void WriteConfig(string json) => File.WriteAllText(directory.Combine("config.json"), json);
}
