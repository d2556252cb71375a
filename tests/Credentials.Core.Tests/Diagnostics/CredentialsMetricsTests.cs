using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Credentials.ApiKeys;
using Credentials.Core.Tests.Jwt;
using Credentials.Core.Tests.Login;
using Credentials.Diagnostics;
using Credentials.Jwt;
using Credentials.Login;
using Credentials.Sessions;
using Credentials.Users;
using Credentials.WebTokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Core.Tests.Diagnostics;

/// <summary>
/// Listens to the meter the way an exporter does (a <see cref="MeterListener"/>), on a host of its own: every
/// credential kind counts issued, verified and rejected, with only the fixed tags and never caller input.
/// </summary>
public sealed class CredentialsMetricsTests : IDisposable
{
    private static readonly string[] FixedTagNames = ["kind", "reason"];

    private readonly ScopedMeterFactory _meters = new();
    private readonly ServiceProvider _provider;

    public CredentialsMetricsTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(JwtTestKit.Start));
        services.AddSingleton<IMeterFactory>(_meters);
        services.AddCredentials(o =>
        {
            o.Jwt.Issuer = JwtTestKit.Issuer;
            o.Jwt.Audience = JwtTestKit.Audience;
            o.Jwt.SigningKeys.Add(JwtTestKit.Key("HS256"));
        });
        _provider = services.BuildServiceProvider();
    }

    public void Dispose()
    {
        _provider.Dispose();
        _meters.Dispose();
    }

    [Fact]
    public async Task ApiKey_IssueVerifyReject_CountsEachWithFixedTags()
    {
        using var scope = _provider.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<IApiKeyService>();
        _provider.GetRequiredService<InMemoryUserAuthenticator>().AddUserWithPasswordHash(
            new AuthenticatedUser { Id = "owner-secret-id", Username = "owner", Permissions = [ApiKeyPermissions.CreateOwn] }, "unused");
        var created = await service.CreateAsync(
            new ApiKeyCreateRequest { Name = "metrics" },
            ApiKeyActor.User("owner-secret-id", [ApiKeyPermissions.CreateOwn]),
            CancellationToken.None);

        (await service.VerifyAsync(created.PlainKey, CancellationToken.None)).Succeeded.Should().BeTrue();
        await service.VerifyAsync(created.PlainKey + "x", CancellationToken.None);

        _meters.Measurements.Should().Equal(
            "credentials.issued kind=api_key",
            "credentials.verified kind=api_key",
            "credentials.rejected kind=api_key,reason=malformed");
        _meters.AssertOnlyFixedTags(created.PlainKey!, "owner-secret-id");
    }

    [Fact]
    public async Task Jwt_SessionEnded_EachRefusalCountsAsARejectedJwtWithTheSessionsReason()
    {
        var sessions = _provider.GetRequiredService<ISessionService>();
        var opened = await sessions.OpenAsync("session-owner", JwtTestKit.Start.AddDays(1), CancellationToken.None);
        (await sessions.CheckAsync(opened.Session.Id, CancellationToken.None)).Succeeded.Should().BeTrue();
        await sessions.EndAsync(opened.Session.Id, CancellationToken.None);

        // Once from the store, once from the instance's memory of the ended session: every refused request counts.
        (await sessions.CheckAsync(opened.Session.Id, CancellationToken.None)).Succeeded.Should().BeFalse();
        (await sessions.CheckAsync(opened.Session.Id, CancellationToken.None)).Succeeded.Should().BeFalse();

        _meters.Measurements.Should().Equal(
            "credentials.rejected kind=jwt,reason=session_ended",
            "credentials.rejected kind=jwt,reason=session_ended");
        _meters.AssertOnlyFixedTags(opened.Session.Id, "session-owner");
    }

    [Fact]
    public async Task ApiKey_MeteredRejections_CountRateLimitedAndUsageExceeded()
    {
        using var scope = _provider.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<IApiKeyService>();
        _provider.GetRequiredService<InMemoryUserAuthenticator>().AddUserWithPasswordHash(
            new AuthenticatedUser { Id = "metered-owner", Username = "metered", Permissions = [ApiKeyPermissions.CreateOwn] }, "unused");
        var owner = ApiKeyActor.User("metered-owner", [ApiKeyPermissions.CreateOwn]);
        var limited = await service.CreateAsync(
            new ApiKeyCreateRequest { Name = "limited", RateLimits = [new ApiKeyRateLimit { Limit = 1, Window = TimeSpan.FromMinutes(1) }] }, owner, CancellationToken.None);
        var metered = await service.CreateAsync(
            new ApiKeyCreateRequest { Name = "metered", Credits = new ApiKeyCredits { Remaining = 0 } }, owner, CancellationToken.None);

        await service.VerifyAsync(limited.PlainKey, CancellationToken.None);
        await service.VerifyAsync(limited.PlainKey, CancellationToken.None);
        await service.VerifyAsync(metered.PlainKey, CancellationToken.None);

        _meters.Measurements.Should().Equal(
            "credentials.issued kind=api_key",
            "credentials.issued kind=api_key",
            "credentials.verified kind=api_key",
            "credentials.rejected kind=api_key,reason=rate_limited",
            "credentials.rejected kind=api_key,reason=usage_exceeded");
    }

    [Fact]
    public async Task ApiKey_UsageMetricPerKeyOn_CountsEachAcceptedVerificationByUuid()
    {
        using var meters = new ScopedMeterFactory();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(JwtTestKit.Start));
        services.AddSingleton<IMeterFactory>(meters);
        services.AddCredentials(o => o.ApiKeys.UsageMetricPerKey = true);
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<IApiKeyService>();
        provider.GetRequiredService<InMemoryUserAuthenticator>().AddUserWithPasswordHash(
            new AuthenticatedUser { Id = "owner", Username = "owner", Permissions = [ApiKeyPermissions.CreateOwn] }, "unused");
        var owner = ApiKeyActor.User("owner", [ApiKeyPermissions.CreateOwn]);
        var created = await service.CreateAsync(new ApiKeyCreateRequest { Name = "used", Credits = new ApiKeyCredits { Remaining = 2 } }, owner, CancellationToken.None);

        for (var i = 0; i < 3; i++)
        {
            await service.VerifyAsync(created.PlainKey, CancellationToken.None);
        }

        meters.Measurements.Where(m => m.StartsWith("credentials.api_key.uses", StringComparison.Ordinal)).Should().Equal(
            [.. Enumerable.Repeat($"credentials.api_key.uses api_key_uuid={created.Key!.Uuid}", 2)],
            "accepted verifications only, tagged with the uuid and nothing else");
    }

    [Fact]
    public async Task WebToken_IssueVerifyReject_CountsEachWithFixedTags()
    {
        var service = _provider.GetRequiredService<IWebTokenService>();
        var issued = await service.IssueAsync("subject-42", CancellationToken.None);

        (await service.ValidateAsync(issued.Token, CancellationToken.None)).Succeeded.Should().BeTrue();
        await service.ValidateAsync(new string('0', issued.Token.Length), CancellationToken.None);

        _meters.Measurements.Should().Equal(
            "credentials.issued kind=web_token",
            "credentials.verified kind=web_token",
            "credentials.rejected kind=web_token,reason=unknown");
        _meters.AssertOnlyFixedTags(issued.Token, "subject-42");
    }

    [Fact]
    public void Jwt_IssueVerifyReject_CountsEachWithFixedTags()
    {
        var issued = _provider.GetRequiredService<IJwtIssuer>().Issue(JwtTestKit.Alice);
        var validator = _provider.GetRequiredService<IJwtValidator>();

        validator.Validate(issued.Token).Succeeded.Should().BeTrue();
        validator.Validate(issued.Token[..issued.Token.LastIndexOf('.')] + ".AAAA");
        validator.Validate("not a token");

        _meters.Measurements.Should().Equal(
            "credentials.issued kind=jwt",
            "credentials.verified kind=jwt",
            "credentials.rejected kind=jwt,reason=invalid_signature",
            "credentials.rejected kind=jwt,reason=malformed");
        _meters.AssertOnlyFixedTags(issued.Token, JwtTestKit.Alice.Id);
    }

    [Fact]
    public async Task Login_RightAndWrongPassword_CountsEachAttemptOnce()
    {
        var users = _provider.GetRequiredService<InMemoryUserAuthenticator>();
        users.AddUser(LoginTestKit.Alice, "correct horse battery");
        using var scope = _provider.CreateScope();
        var login = scope.ServiceProvider.GetRequiredService<ILoginService>();

        (await login.LoginAsync("alice", "correct horse battery", CancellationToken.None)).Succeeded.Should().BeTrue();
        (await login.LoginAsync("alice", "wrong password", CancellationToken.None)).Succeeded.Should().BeFalse();

        _meters.Measurements.Should().Equal(
            "credentials.verified kind=password",
            "credentials.issued kind=jwt",
            "credentials.rejected kind=password,reason=invalid_credentials");
        _meters.AssertOnlyFixedTags("correct horse battery", "wrong password", "alice");
    }

    /// <summary>Meters with this factory as their scope, so measurements of tests running in parallel never mix in.</summary>
    private sealed class ScopedMeterFactory : IMeterFactory
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Meter, string Instrument, KeyValuePair<string, object?>[] Tags, long Value)> _seen = new();
        private readonly List<Meter> _meters = [];

        public ScopedMeterFactory()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, this))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
                _seen.Enqueue((instrument.Meter.Name, instrument.Name, tags.ToArray(), value)));
            _listener.Start();
        }

        public IEnumerable<string> Measurements => _seen.Select(m =>
            $"{m.Instrument} {string.Join(",", m.Tags.Select(t => $"{t.Key}={t.Value}"))}");

        public void AssertOnlyFixedTags(params string[] callerInput)
        {
            foreach (var (meter, _, tags, value) in _seen)
            {
                meter.Should().Be(CredentialsMetrics.MeterName);
                value.Should().Be(1);
                tags.Select(t => t.Key).Should().BeSubsetOf(FixedTagNames);
                foreach (var tag in tags)
                {
                    var text = tag.Value.Should().BeOfType<string>().Subject;
                    text.Should().MatchRegex("^[a-z_]+$", "every kind reports reasons in one spelling");
                    callerInput.Should().NotContain(text);
                }
            }
        }

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, this);
            lock (_meters)
            {
                _meters.Add(meter);
            }

            return meter;
        }

        public void Dispose()
        {
            _listener.Dispose();
            lock (_meters)
            {
                _meters.ForEach(m => m.Dispose());
            }
        }
    }
}
