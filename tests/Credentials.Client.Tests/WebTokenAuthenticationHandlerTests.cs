using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Client.Tests;

public class WebTokenAuthenticationHandlerTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task SendAsync_ValidToken_SendsItAsBearer()
    {
        var endpoint = new FakeTokenEndpoint(_clock);
        using var manager = endpoint.CreateManager();
        var api = new FakeApi(endpoint);
        using var client = Client(manager, api);

        using var response = await client.GetAsync(new Uri("https://api.test/things"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        api.Received.Should().ContainSingle().Which.Authorization.Should().Be("Bearer token-1");
    }

    [Fact]
    public async Task SendAsync_TokenSupersededElsewhere_InvalidatesRefreshesAndRetriesOnceWithTheSameBody()
    {
        var endpoint = new FakeTokenEndpoint(_clock);
        using var manager = await ManagerWhoseTokenWasSupersededAsync(endpoint);
        var api = new FakeApi(endpoint);
        using var client = Client(manager, api);
        using var body = new StreamContent(new ForwardOnlyStream(Encoding.UTF8.GetBytes("{\"n\":1}")));

        using var response = await client.PostAsync(new Uri("https://api.test/things"), body);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        api.Received.Select(r => r.Authorization).Should().Equal("Bearer token-1", "Bearer token-3");
        api.Received.Select(r => r.Body).Should().Equal("{\"n\":1}", "{\"n\":1}");
        endpoint.Fetches.Should().Be(3);
    }

    [Fact]
    public async Task SendAsync_401AgainAfterRefresh_ReturnsItWithoutAThirdTry()
    {
        var endpoint = new FakeTokenEndpoint(_clock);
        using var manager = endpoint.CreateManager();
        var api = new FakeApi(endpoint) { AlwaysUnauthorized = true };
        using var client = Client(manager, api);

        using var response = await client.GetAsync(new Uri("https://api.test/things"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        api.Received.Should().HaveCount(2);
        endpoint.Fetches.Should().Be(2);
    }

    [Fact]
    public async Task SendAsync_RefreshAfter401Fails_DisposesTheRejectedResponse()
    {
        var endpoint = new FakeTokenEndpoint(_clock);
        using var manager = await ManagerWhoseTokenWasSupersededAsync(endpoint);
        var rejectedBody = new DisposalTrackingContent();
        var api = new FakeApi(endpoint) { UnauthorizedContent = rejectedBody };
        using var client = Client(manager, api);
        endpoint.FailWith = new HttpRequestException("token endpoint down");

        var act = () => client.GetAsync(new Uri("https://api.test/things"));

        await act.Should().ThrowAsync<HttpRequestException>().WithMessage("token endpoint down");
        rejectedBody.Disposed.Should().BeTrue("nobody else holds the 401 once the refresh has failed");
    }

    [Fact]
    public async Task SendAsync_ConcurrentRequestsAll401_OneRefreshBetweenThem()
    {
        var endpoint = new FakeTokenEndpoint(_clock);
        using var manager = await ManagerWhoseTokenWasSupersededAsync(endpoint);
        var api = new FakeApi(endpoint);
        using var client = Client(manager, api);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.GetAsync(new Uri("https://api.test/things"))));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        endpoint.Fetches.Should().Be(3, "the first fetch, the one elsewhere, and one refresh for all ten 401s");
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    /// <summary>The manager caches token-1; then another holder of the API key fetches token-2, retiring it.</summary>
    private static async Task<WebTokenManager> ManagerWhoseTokenWasSupersededAsync(FakeTokenEndpoint endpoint)
    {
        var manager = endpoint.CreateManager();
        await manager.GetTokenAsync(CancellationToken.None);
        await endpoint.FetchAsync(CancellationToken.None);
        return manager;
    }

    private static HttpClient Client(WebTokenManager manager, HttpMessageHandler api) =>
        new(new WebTokenAuthenticationHandler(manager) { InnerHandler = api });

    /// <summary>Records whether the response that carries it was disposed.</summary>
    private sealed class DisposalTrackingContent : HttpContent
    {
        public bool Disposed { get; private set; }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => Task.CompletedTask;

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return true;
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    /// <summary>A body that can be read once, like a network stream: resending it needs the handler's buffer.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
