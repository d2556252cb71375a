using System.Net;

namespace Credentials.Client.Tests;

/// <summary>Accepts only the endpoint's current token, as a single-active API does.</summary>
internal sealed class FakeApi(FakeTokenEndpoint endpoint) : HttpMessageHandler
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string? Authorization, string? Body)> _received = new();

    public bool AlwaysUnauthorized { get; init; }

    /// <summary>The body of the next 401, when set.</summary>
    public HttpContent? UnauthorizedContent { get; init; }

    public IReadOnlyCollection<(string? Authorization, string? Body)> Received => _received;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var authorization = request.Headers.Authorization?.ToString();
        _received.Enqueue((authorization, body));
        var accepted = !AlwaysUnauthorized && authorization == $"Bearer {endpoint.Current}";
        return accepted
            ? new HttpResponseMessage(HttpStatusCode.OK)
            : new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = UnauthorizedContent ?? new ByteArrayContent([]) };
    }
}
