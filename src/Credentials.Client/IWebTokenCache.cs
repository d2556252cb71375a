namespace Credentials.Client;

/// <summary>
/// A place where several instances of one application, all fetching tokens with the same API key, share the current
/// token. Against a single-active API each fetch retires the token the other instances hold, so without sharing they
/// take turns invalidating each other; with it, one instance fetches and the others pick its token up.
/// Implement it over whatever the instances already share (a distributed cache, a database row).
/// </summary>
public interface IWebTokenCache
{
    /// <summary>The token last shared, or null when there is none.</summary>
    ValueTask<FetchedWebToken?> GetAsync(CancellationToken cancellationToken);

    /// <summary>Shares a freshly fetched token, replacing the previous one; it may be kept until its expiry.</summary>
    ValueTask SetAsync(FetchedWebToken token, CancellationToken cancellationToken);
}
