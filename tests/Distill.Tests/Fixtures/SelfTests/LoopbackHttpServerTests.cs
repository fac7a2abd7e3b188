using System.Net;
using System.Net.Http.Headers;
using Xunit;

namespace Distill.Tests.Fixtures.SelfTests;

public sealed class LoopbackHttpServerTests : IDisposable
{
    private static readonly byte[] Content = System.Text.Encoding.ASCII.GetBytes("0123456789abcdef");
    private readonly TemporaryDirectory directory = new();
    private readonly LoopbackHttpServer server;
    private readonly HttpClient client =
        new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public LoopbackHttpServerTests()
    {
        Directory.CreateDirectory(directory.Combine("dists", "trixie"));
        File.WriteAllBytes(directory.Combine("dists", "trixie", "InRelease"), Content);
        server = LoopbackHttpServer.Start(directory.Path, TimeSpan.FromMinutes(2));
    }

    public void Dispose()
    {
        client.Dispose();
        server.Dispose();
        directory.Dispose();
    }

    [Fact]
    public async Task GetServesFileAndLogsRequest()
    {
        using var response = await client.GetAsync(server.Url("dists/trixie/InRelease"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Content, await response.Content.ReadAsByteArrayAsync());
        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        var logged = Assert.Single(server.Requests);
        Assert.Equal("/dists/trixie/InRelease", logged.Path);
        Assert.Equal(200, logged.StatusCode);
        Assert.Equal(Content.Length, logged.BodyBytesSent);
    }

    [Fact]
    public async Task HeadSendsNoBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, server.Url("dists/trixie/InRelease"));
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Content.Length, response.Content.Headers.ContentLength);
        Assert.Equal(0, server.Requests.Single().BodyBytesSent);
    }

    [Fact]
    public async Task MissingFileReturns404()
    {
        using var missing = await client.GetAsync(server.Url("dists/forky/InRelease"));
        using var directoryRequest = await client.GetAsync(server.Url("dists/trixie/"));
        using var escape = await client.GetAsync(new Uri(server.BaseAddress, "/dists/%2e%2e/%2e%2e/etc/passwd"));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, directoryRequest.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, escape.StatusCode);
    }

    [Fact]
    public async Task ConditionalRequestsReturn304()
    {
        using var first = await client.GetAsync(server.Url("dists/trixie/InRelease"));
        using var byEtag = new HttpRequestMessage(HttpMethod.Get, server.Url("dists/trixie/InRelease"));
        byEtag.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var byDate = new HttpRequestMessage(HttpMethod.Get, server.Url("dists/trixie/InRelease"));
        byDate.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        using var stale = new HttpRequestMessage(HttpMethod.Get, server.Url("dists/trixie/InRelease"));
        stale.Headers.IfModifiedSince = first.Content.Headers.LastModified!.Value.AddSeconds(-1);

        using var etagResponse = await client.SendAsync(byEtag);
        using var dateResponse = await client.SendAsync(byDate);
        using var staleResponse = await client.SendAsync(stale);

        Assert.Equal(HttpStatusCode.NotModified, etagResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, dateResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, staleResponse.StatusCode);
        Assert.Equal(2, server.Requests.Count(request => request.StatusCode == 304));
    }

    [Fact]
    public async Task RangeReturnsPartialContent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, server.Url("dists/trixie/InRelease"));
        request.Headers.Range = new RangeHeaderValue(10, null);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("abcdef", await response.Content.ReadAsStringAsync());
        Assert.Equal("bytes 10-15/16", response.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task FailRequestsAppliesToFirstRequests()
    {
        server.FailRequests("dists/trixie/InRelease", count: 2, statusCode: 503);

        using var first = await client.GetAsync(server.Url("dists/trixie/InRelease"));
        using var second = await client.GetAsync(server.Url("dists/trixie/InRelease"));
        using var third = await client.GetAsync(server.Url("dists/trixie/InRelease"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(3, server.CountRequests("/dists/trixie/InRelease"));
    }

    [Fact]
    public async Task DroppedConnectionFailsRequest()
    {
        server.DropConnections("dists/trixie/InRelease", count: 1);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(server.Url("dists/trixie/InRelease")));
        using var retry = await client.GetAsync(server.Url("dists/trixie/InRelease"));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpFaultKind.DropConnection, server.Requests[0].Fault);
    }

    [Fact]
    public async Task TruncatedBodyFailsRead()
    {
        server.TruncateResponses("dists/trixie/InRelease", count: 1, bodyBytes: 5);

        var exception = await Record.ExceptionAsync(() => client.GetByteArrayAsync(server.Url("dists/trixie/InRelease")));

        Assert.True(exception is HttpRequestException or IOException, $"unexpected result: {exception}");
        Assert.Equal(5, server.Requests.Single().BodyBytesSent);
    }

    [Fact]
    public async Task DelayHoldsResponse()
    {
        server.DelayResponses("dists/trixie/InRelease", TimeSpan.FromMilliseconds(500), count: 1);
        var timer = System.Diagnostics.Stopwatch.StartNew();

        using var response = await client.GetAsync(server.Url("dists/trixie/InRelease"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(timer.Elapsed >= TimeSpan.FromMilliseconds(450), $"response arrived after {timer.Elapsed}");
    }

    [Fact]
    public async Task MalformedRequestRecorded()
    {
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, server.Port);
        await socket.GetStream().WriteAsync("NONSENSE\r\n\r\n"u8.ToArray());

        var read = await socket.GetStream().ReadAsync(new byte[16]);

        Assert.Equal(0, read);
        Assert.Contains("invalid request line 'NONSENSE'", Assert.Single(server.ProtocolErrors));
    }

    [Fact]
    public async Task ServerStopsAfterMaxLifetime()
    {
        using var shortLived = LoopbackHttpServer.Start(directory.Path, TimeSpan.FromMilliseconds(300));
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.False(shortLived.IsRunning);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(shortLived.Url("dists/trixie/InRelease")));
    }

    [Fact]
    public async Task DisposeStopsServer()
    {
        var disposed = LoopbackHttpServer.Start(directory.Path);
        var url = disposed.Url("dists/trixie/InRelease");
        disposed.Dispose();

        Assert.False(disposed.IsRunning);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(url));
    }
}
