using Credentials.Secrets;
using Credentials.WebTokens;

namespace Credentials.Core.Tests.ApiKeys;

/// <summary>An in-memory web-token store that counts lookups by hash: what a web-token verification costs the token store.</summary>
internal sealed class CountingWebTokenStore : IWebTokenStore
{
    private readonly InMemoryWebTokenStore _inner = new();
    private int _findByHashCalls;

    public int FindByHashCalls => Volatile.Read(ref _findByHashCalls);

    public ValueTask ReplaceAsync(WebToken token, CancellationToken cancellationToken) => _inner.ReplaceAsync(token, cancellationToken);

    public ValueTask<WebToken?> FindByHashAsync(SecretHash hash, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _findByHashCalls);
        return _inner.FindByHashAsync(hash, cancellationToken);
    }

    public ValueTask<bool> RevokeAsync(string subject, CancellationToken cancellationToken) => _inner.RevokeAsync(subject, cancellationToken);

    public ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) => _inner.PurgeExpiredAsync(now, cancellationToken);
}
