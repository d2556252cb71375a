using BenchmarkDotNet.Attributes;
using Credentials.Invalidation;
using Credentials.Secrets;
using Credentials.Sessions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Credentials.Benchmarks.Jwt;

/// <summary>
/// What the session check adds to a repeat validation, as the ASP.NET Core handler runs it: the cached validation of a
/// login's token (with <c>sid</c>) alone (the baseline), then followed by <see cref="ISessionService.CheckAsync"/>
/// answered from memory, and a token without <c>sid</c> for scale. Target: at most 1.2x.
/// </summary>
[MemoryDiagnoser]
public class JwtSessionCheckBenchmarks
{
    private JwtBenchmarkSetup _setup = null!;
    private SessionService _sessions = null!;
    private string _sessionToken = null!;
    private string _sessionId = null!;

    [Params("ES256")]
    public string Algorithm { get; set; } = "ES256";

    [GlobalSetup]
    public void Setup()
    {
        _setup = new JwtBenchmarkSetup(Algorithm, cacheSize: 10_000);
        var time = TimeProvider.System;
        _sessions = new SessionService(
            new InMemorySessionStore(),
            new SecretHasher(new SecretHashingOptions()),
            CryptoSecretRandom.Instance,
            time,
            Options.Create(new CredentialsOptions()),
            new InProcessInvalidationChannel(NullLogger<InProcessInvalidationChannel>.Instance));
        var opened = _sessions.OpenAsync(JwtBenchmarkSetup.User.Id, time.GetUtcNow().AddDays(7), CancellationToken.None).AsTask().GetAwaiter().GetResult();
        _sessionId = opened.Session.Id;
        _sessionToken = _setup.TokenIssuer.Issue(JwtBenchmarkSetup.User with { SessionId = _sessionId }).Token;
        _setup.Validator.Validate(_setup.Token);
        Validate_Cached_WithSessionCheck();
    }

    [GlobalCleanup]
    public void Cleanup() => _sessions.Dispose();

    [Benchmark]
    public bool Validate_Cached_NoSid() => _setup.Validator.Validate(_setup.Token).Succeeded;

    [Benchmark(Baseline = true)]
    public bool Validate_Cached() => _setup.Validator.Validate(_sessionToken).Succeeded;

    [Benchmark]
    public bool Validate_Cached_WithSessionCheck()
    {
        var jwt = _setup.Validator.Validate(_sessionToken);
        if (!jwt.Succeeded || jwt.Token.SessionId is not { } sessionId)
        {
            return false;
        }

        var check = _sessions.CheckAsync(sessionId, CancellationToken.None);
        return check.IsCompletedSuccessfully && check.Result.Succeeded;
    }
}
