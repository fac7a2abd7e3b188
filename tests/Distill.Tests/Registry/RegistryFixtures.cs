namespace Distill.Tests.Registry;

/// <summary>A class fixture that runs one test registry for the tests of a class.</summary>
public abstract class RegistryFixture(RegistryAuth auth) : IAsyncLifetime
{
    public RegistryServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RegistryServer.StartAsync(auth);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class AnonymousRegistryFixture() : RegistryFixture(RegistryAuth.Anonymous);

public sealed class HtpasswdRegistryFixture() : RegistryFixture(RegistryAuth.Htpasswd);

public sealed class TokenRegistryFixture() : RegistryFixture(RegistryAuth.Token);
