using System.Net;
using System.Net.Http.Headers;

namespace Credentials.Client;

/// <summary>
/// Puts <c>Authorization: Bearer &lt;token&gt;</c> from a <see cref="WebTokenManager"/> on every request. On a 401 it
/// invalidates that token and sends the request once more with a new one; a second 401 goes back to the caller.
/// Add it to a named or typed client with <c>AddWebTokenHandler</c>, which also registers the manager (see
/// docs/web-tokens.md).
/// </summary>
/// <remarks>
/// To send a request twice its content has to be readable twice, so the handler buffers request content in memory
/// before the first send. Keep large streamed uploads on a client without this handler.
/// </remarks>
public sealed class WebTokenAuthenticationHandler : DelegatingHandler
{
    private readonly WebTokenManager _tokens;

    /// <summary>Creates the handler over the manager that owns the token.</summary>
    public WebTokenAuthenticationHandler(WebTokenManager tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _tokens = tokens;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Content is not null)
        {
#if NET9_0_OR_GREATER
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
#else
            await request.Content.LoadIntoBufferAsync().ConfigureAwait(false);
#endif
        }

        var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        string fresh;
        try
        {
            _tokens.Invalidate(token);
            fresh = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The 401 never reaches the caller now, so nobody else would dispose it.
            response.Dispose();
            throw;
        }

        if (string.Equals(fresh, token, StringComparison.Ordinal))
        {
            return response;
        }

        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
