using Credentials.Client;
using Credentials.WebTokens;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Samples.Console;

/// <summary>Single-active web tokens: the issuing side, then a client that consumes such an API.</summary>
internal static class WebTokensDemo
{
    public static async Task RunAsync(IServiceProvider services)
    {
        System.Console.WriteLine();
        System.Console.WriteLine("== Web tokens");

        // Issuing side. The subject is whoever asked: here an API key's id (never the key itself).
        var tokens = services.GetRequiredService<IWebTokenService>();
        var first = await tokens.IssueAsync("key-7f3a", CancellationToken.None);
        // The token is a bearer secret: a real host returns it to its caller once and never prints or logs it.
        System.Console.WriteLine($"issued a {first.Token.Length}-character hex token, expiring {first.ExpiresAt:u} (expiresAt {first.ExpiresAtUnixSeconds} in JSON)");

        var check = await tokens.ValidateAsync(first.Token, CancellationToken.None);
        System.Console.WriteLine($"validate first:  {Describe(check)}");

        // Only one token per subject is ever active: issuing again retires the first at once.
        var second = await tokens.IssueAsync("key-7f3a", CancellationToken.None);
        System.Console.WriteLine($"re-issued for the same subject (a different token: {second.Token != first.Token})");
        System.Console.WriteLine($"validate first:  {Describe(await tokens.ValidateAsync(first.Token, CancellationToken.None))}");
        System.Console.WriteLine($"validate second: {Describe(await tokens.ValidateAsync(second.Token, CancellationToken.None))}");
        System.Console.WriteLine($"validate 'hello': {Describe(await tokens.ValidateAsync("hello", CancellationToken.None))}");

        // Client side. A consumer of such an API must never fetch twice in parallel, or its own fetches
        // retire each other. The manager makes sure of that: here 20 callers ask at once and one fetch is made.
        // The client lives in its own package, Credentials.Client, which knows nothing of the issuing side; an app
        // wires it with AddHttpClient(name).AddWebTokenHandler(fetch) and needs no AddCredentials() (docs/web-tokens.md).
        var fetches = 0;
        using var manager = new WebTokenManager(async cancellationToken =>
        {
            // In a real app: GET /web-token with the API key as bearer, read { token, expiresAt } from the JSON.
            Interlocked.Increment(ref fetches);
            await Task.Delay(50, cancellationToken);
            var issued = await tokens.IssueAsync("key-7f3a", cancellationToken);
            return FetchedWebToken.FromUnixSeconds(issued.Token, issued.ExpiresAtUnixSeconds);
        });

        var callers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => manager.GetTokenAsync(CancellationToken.None).AsTask()));
        System.Console.WriteLine($"client: {callers.Length} concurrent callers, {fetches} fetch, {callers.Distinct().Count()} distinct token");
        System.Console.WriteLine($"client token validates: {Describe(await tokens.ValidateAsync(callers[0], CancellationToken.None))}");
    }

    private static string Describe(WebTokenValidationResult result) =>
        result.Succeeded ? $"valid for {result.Subject} until {result.ExpiresAt:u}" : $"rejected ({result.Failure})";
}
