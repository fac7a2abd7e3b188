using System.Net.Http.Headers;
using Distill.Registry;

namespace Distill.Tests.Registry;

public sealed class AuthChallengeTests
{
    [Fact]
    public void ParsesBearerWithQuotedCommas()
    {
        var header = new AuthenticationHeaderValue("Bearer",
            "realm=\"https://auth.registry.example/token\",service=\"registry.example\","
            + "scope=\"repository:team/app:pull,push\"");

        var challenge = AuthChallenge.Parse(header);

        Assert.True(challenge.IsBearer);
        Assert.Equal("https://auth.registry.example/token", challenge.Get("realm"));
        Assert.Equal("registry.example", challenge.Get("service"));
        Assert.Equal("repository:team/app:pull,push", challenge.Get("scope"));
    }

    [Fact]
    public void ParsesBasicAndUnquotedValues()
    {
        var parameters = AuthChallenge.ParseParameters("realm=plain, charset=\"UTF-8\"");

        Assert.Equal("plain", parameters["realm"]);
        Assert.Equal("UTF-8", parameters["CHARSET"]);
    }

    [Fact]
    public void ParsesRegistryErrorBody()
    {
        var error = RegistryError.Parse(
            """{"errors":[{"code":"DENIED","message":"requested access to the resource is denied","detail":null}]}"""u8);

        Assert.NotNull(error);
        Assert.Equal("DENIED", error.Code);
        Assert.Equal("DENIED: requested access to the resource is denied", error.ToString());
        Assert.Null(RegistryError.Parse("<html>bad gateway</html>"u8));
    }
}
