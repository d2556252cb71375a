using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Credentials.Core.Tests.Secrets;
using Credentials.Secrets;
using Credentials.WebTokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Credentials.Core.Tests.WebTokens;

public class WebTokenServiceTests
{
    private const string Subject = "key-3f2a";

    [Fact]
    public async Task IssueAsync_Defaults_Returns40LowercaseHexExpiringInOneHour()
    {
        using var host = new WebTokenTestHost();

        var issued = await host.Service.IssueAsync(Subject, CancellationToken.None);

        issued.Token.Should().MatchRegex("^[0-9a-f]{40}$");
        issued.ExpiresAt.Should().Be(host.Clock.GetUtcNow().AddHours(1));
        issued.ExpiresAtUnixSeconds.Should().Be(host.Clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task IssueAsync_FixedRandomBytes_RendersThemAsHex()
    {
        var bytes = Enumerable.Range(0, 20).Select(i => (byte)(i * 13)).ToArray();
        using var host = new WebTokenTestHost(random: new FixedSecretRandom(bytes));

        var issued = await host.Service.IssueAsync(Subject, CancellationToken.None);

        issued.Token.Should().Be(string.Concat(bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture))), "the token is lowercase hex");
    }

    [Fact]
    public async Task IssueAsync_Defaults_StoresOnlyTheSha256OfTheToken()
    {
        using var host = new WebTokenTestHost();

        var issued = await host.Service.IssueAsync(Subject, CancellationToken.None);

        var expected = SecretHash.FromBytes(SHA256.HashData(Encoding.UTF8.GetBytes(issued.Token)));
        var stored = await host.Store.FindByHashAsync(expected, CancellationToken.None);
        stored.Should().NotBeNull();
        stored!.Subject.Should().Be(Subject);
        stored.PepperId.Should().BeNull();
        stored.IssuedAt.Should().Be(host.Clock.GetUtcNow());
        stored.ToString().Should().NotContain(issued.Token);
    }

    [Fact]
    public async Task IssueAsync_32TokenBytes_Issues64HexThatValidate()
    {
        using var host = new WebTokenTestHost(o => o.WebTokens.TokenBytes = 32);

        var issued = await host.Service.IssueAsync(Subject, CancellationToken.None);

        issued.Token.Should().MatchRegex("^[0-9a-f]{64}$");
        (await host.Service.ValidateAsync(issued.Token, CancellationToken.None)).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("line\nbreak")]
    [InlineData("nul\0")]
    [InlineData("bell\u0007")]
    [InlineData("lone-high-surrogate", 0xD800)]
    [InlineData("lone-low-surrogate", 0xDC00)]
    public async Task IssueAsync_BadSubject_ThrowsArgumentException(string subject, int appended = -1)
    {
        // Lone surrogates cannot travel through test case names intact, so they are appended here.
        subject = appended < 0 ? subject : subject + (char)appended;

        using var host = new WebTokenTestHost();

        var act = async () => await host.Service.IssueAsync(subject, CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task IssueAsync_NullSubject_ThrowsArgumentNullException()
    {
        using var host = new WebTokenTestHost();

        var act = async () => await host.Service.IssueAsync(null!, CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentNullException>();
    }

    [Fact]
    public async Task IssueAsync_SubjectOverMaxLength_ThrowsNamingTheSetting()
    {
        using var host = new WebTokenTestHost(o => o.WebTokens.MaxSubjectLength = 8);

        var act = async () => await host.Service.IssueAsync("123456789", CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*Credentials:WebTokens:MaxSubjectLength*");
    }

    [Fact]
    public async Task IssueAsync_UnicodeSubjectWithSurrogatePair_IsAccepted()
    {
        using var host = new WebTokenTestHost();

        var issued = await host.Service.IssueAsync("usér-😀", CancellationToken.None);

        (await host.Service.ValidateAsync(issued.Token, CancellationToken.None)).Subject.Should().Be("usér-😀");
    }

    [Fact]
    public async Task ValidateAsync_IssuedToken_ReturnsSubjectAndExpiry()
    {
        using var host = new WebTokenTestHost();
        var issued = await host.Service.IssueAsync(Subject, CancellationToken.None);

        var result = await host.Service.ValidateAsync(issued.Token, CancellationToken.None);

        result.Succeeded.Should().BeTrue();
        result.Subject.Should().Be(Subject);
        result.ExpiresAt.Should().Be(issued.ExpiresAt);
        result.Failure.Should().BeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("d90857fbd58f5757b81cd4b295cd7cec2596d7b")]
    [InlineData("d90857fbd58f5757b81cd4b295cd7cec2596d7bd0")]
    [InlineData("D90857FBD58F5757B81CD4B295CD7CEC2596D7BD")]
    [InlineData("g90857fbd58f5757b81cd4b295cd7cec2596d7bd")]
    [InlineData("d90857fbd58f5757b81cd4b295cd7cec2596d7b\0")]
    [InlineData("٠١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩")]
    [InlineData(" d90857fbd58f5757b81cd4b295cd7cec2596d7b")]
    public async Task ValidateAsync_BadShape_ReturnsMalformed(string? token)
    {
        using var host = new WebTokenTestHost();

        var result = await host.Service.ValidateAsync(token, CancellationToken.None);

        result.Succeeded.Should().BeFalse();
        result.Failure.Should().Be(WebTokenValidationFailure.Malformed);
        result.Subject.Should().BeNull();
    }

    [Fact]
    public async Task ValidateAsync_HugeInput_ReturnsMalformedWithoutThrowing()
    {
        using var host = new WebTokenTestHost();

        var result = await host.Service.ValidateAsync(new string('a', 1_000_000), CancellationToken.None);

        result.Failure.Should().Be(WebTokenValidationFailure.Malformed);
    }

    [Fact]
    public async Task ValidateAsync_WellFormedButNeverIssued_ReturnsUnknown()
    {
        using var host = new WebTokenTestHost();
        await host.Service.IssueAsync(Subject, CancellationToken.None);

        var result = await host.Service.ValidateAsync("d90857fbd58f5757b81cd4b295cd7cec2596d7bd", CancellationToken.None);

        result.Failure.Should().Be(WebTokenValidationFailure.Unknown);
    }

    [Fact]
    public async Task ValidateAsync_AfterReissue_OldTokenUnknownNewTokenValid()
    {
        using var host = new WebTokenTestHost();
        var first = await host.Service.IssueAsync(Subject, CancellationToken.None);

        var second = await host.Service.IssueAsync(Subject, CancellationToken.None);

        (await host.Service.ValidateAsync(first.Token, CancellationToken.None)).Failure.Should().Be(WebTokenValidationFailure.Unknown);
        (await host.Service.ValidateAsync(second.Token, CancellationToken.None)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task ValidateAsync_OtherSubjectReissues_TokenStillValid()
    {
        using var host = new WebTokenTestHost();
        var mine = await host.Service.IssueAsync(Subject, CancellationToken.None);

        await host.Service.IssueAsync("someone-else", CancellationToken.None);

        (await host.Service.ValidateAsync(mine.Token, CancellationToken.None)).Subject.Should().Be(Subject);
    }

    [Fact]
    public async Task ValidateAsync_JustBeforeExpiry_Succeeds()
    {
        using var host = new WebTokenTestHost();
        var issued = await host.Service.IssueAsync(Subject, CancellationToken.None);

        host.Clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));

        (await host.Service.ValidateAsync(issued.Token, CancellationToken.None)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task ValidateAsync_AtExpiry_ReturnsExpired()
    {
        using var host = new WebTokenTestHost();
        var issued = await host.Service.IssueAsync(Subject, CancellationToken.None);

        host.Clock.Advance(TimeSpan.FromHours(1));

        (await host.Service.ValidateAsync(issued.Token, CancellationToken.None)).Failure.Should().Be(WebTokenValidationFailure.Expired);
    }

    [Fact]
    public async Task ValidateAsync_ConfiguredLifetime_ExpiresThen()
    {
        using var host = new WebTokenTestHost(o => o.WebTokens.Lifetime = TimeSpan.FromMinutes(5));
        var issued = await host.Service.IssueAsync(Subject, CancellationToken.None);

        host.Clock.Advance(TimeSpan.FromMinutes(5));

        issued.ExpiresAt.Should().Be(host.Clock.GetUtcNow());
        (await host.Service.ValidateAsync(issued.Token, CancellationToken.None)).Failure.Should().Be(WebTokenValidationFailure.Expired);
    }

    [Fact]
    public async Task ValidateAsync_AfterRevoke_ReturnsUnknown()
    {
        using var host = new WebTokenTestHost();
        var issued = await host.Service.IssueAsync(Subject, CancellationToken.None);

        var revoked = await host.Service.RevokeAsync(Subject, CancellationToken.None);

        revoked.Should().BeTrue();
        (await host.Service.ValidateAsync(issued.Token, CancellationToken.None)).Failure.Should().Be(WebTokenValidationFailure.Unknown);
    }

    [Fact]
    public async Task RevokeAsync_SubjectWithoutToken_ReturnsFalse()
    {
        using var host = new WebTokenTestHost();

        (await host.Service.RevokeAsync(Subject, CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public async Task RevokeAsync_BadSubject_ThrowsArgumentException()
    {
        using var host = new WebTokenTestHost();

        var act = async () => await host.Service.RevokeAsync("bad\r\nsubject", CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task ValidateAsync_TokenHashedUnderRetiredPepper_StillValidatesUntilThatPepperIsRemoved()
    {
        var store = new InMemoryWebTokenStore();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var pepper1 = RandomNumberGenerator.GetBytes(32);
        var pepper2 = RandomNumberGenerator.GetBytes(32);
        string token;
        using (var before = new WebTokenTestHost(o => Pepper(o, "p1", ("p1", pepper1)), store: store, clock: clock))
        {
            token = (await before.Service.IssueAsync(Subject, CancellationToken.None)).Token;
        }

        using var rotated = new WebTokenTestHost(o => Pepper(o, "p2", ("p1", pepper1), ("p2", pepper2)), store: store, clock: clock);
        using var dropped = new WebTokenTestHost(o => Pepper(o, "p2", ("p2", pepper2)), store: store, clock: clock);

        (await rotated.Service.ValidateAsync(token, CancellationToken.None)).Subject.Should().Be(Subject);
        (await dropped.Service.ValidateAsync(token, CancellationToken.None)).Failure.Should().Be(WebTokenValidationFailure.Unknown);
        var fresh = await rotated.Service.IssueAsync(Subject, CancellationToken.None);
        (await dropped.Service.ValidateAsync(fresh.Token, CancellationToken.None)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task IssueAndValidate_AnyOutcome_NeverLogsTheToken()
    {
        using var host = new WebTokenTestHost(o => o.WebTokens.Lifetime = TimeSpan.FromMinutes(1));
        var first = await host.Service.IssueAsync(Subject, CancellationToken.None);
        var second = await host.Service.IssueAsync(Subject, CancellationToken.None);
        await host.Service.ValidateAsync(first.Token, CancellationToken.None);
        await host.Service.ValidateAsync(second.Token, CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        await host.Service.ValidateAsync(second.Token, CancellationToken.None);
        await host.Service.ValidateAsync(second.Token.ToUpperInvariant(), CancellationToken.None);
        await host.Service.RevokeAsync(Subject, CancellationToken.None);

        host.Logger.Entries.Select(e => e.Id.Id).Should().Contain([2000, 2001]);
        host.Logger.Entries.Should().OnlyContain(e => e.Id.Id >= 2000 && e.Id.Id < 3000);
        host.Logger.Entries.Should().NotContain(e => e.Message.Contains(first.Token, StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains(second.Token, StringComparison.OrdinalIgnoreCase));
        host.Logger.Entries.Select(e => e.Message).Should().Contain(m => m.Contains("expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IssueAndValidate_EveryOutcome_IsCountedByKindAndReason()
    {
        using var host = new WebTokenTestHost();
        var first = await host.Service.IssueAsync(Subject, CancellationToken.None);
        var second = await host.Service.IssueAsync(Subject, CancellationToken.None);

        await host.Service.ValidateAsync(second.Token, CancellationToken.None);
        await host.Service.ValidateAsync(first.Token, CancellationToken.None);
        await host.Service.ValidateAsync("nope", CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromHours(2));
        await host.Service.ValidateAsync(second.Token, CancellationToken.None);

        host.Meters.Measurements.Should().BeEquivalentTo(
            "credentials.issued kind=web_token",
            "credentials.issued kind=web_token",
            "credentials.verified kind=web_token",
            "credentials.rejected kind=web_token,reason=unknown",
            "credentials.rejected kind=web_token,reason=malformed",
            "credentials.rejected kind=web_token,reason=expired");
    }

    [Fact]
    public void IssuedWebToken_ToString_RedactsTheToken()
    {
        var issued = IssuedWebToken.FromUnixSeconds("d90857fbd58f5757b81cd4b295cd7cec2596d7bd", 1711358088);

        issued.ToString().Should().NotContain("d90857").And.Contain("redacted");
        issued.ExpiresAt.Should().Be(new DateTimeOffset(2024, 3, 25, 9, 14, 48, TimeSpan.Zero));
        issued.ExpiresAtUnixSeconds.Should().Be(1711358088);
    }

    [Theory]
    [InlineData(15, 3600, 256, "Credentials:WebTokens:TokenBytes must be between 16 and 64")]
    [InlineData(65, 3600, 256, "Credentials:WebTokens:TokenBytes")]
    [InlineData(20, 0, 256, "Credentials:WebTokens:Lifetime must be above zero")]
    [InlineData(20, -1, 256, "Credentials:WebTokens:Lifetime")]
    [InlineData(20, 2_592_001, 256, "Credentials:WebTokens:Lifetime must be above zero and at most 30 days")]
    [InlineData(20, 3600, 0, "Credentials:WebTokens:MaxSubjectLength must be between 1 and 1024")]
    [InlineData(20, 3600, 1025, "Credentials:WebTokens:MaxSubjectLength")]
    public void AddCredentials_BadWebTokenOptions_FailValidationNamingTheSetting(int tokenBytes, int lifetimeSeconds, int maxSubject, string message)
    {
        var services = new ServiceCollection();
        services.AddCredentials(o =>
        {
            o.WebTokens.TokenBytes = tokenBytes;
            o.WebTokens.Lifetime = TimeSpan.FromSeconds(lifetimeSeconds);
            o.WebTokens.MaxSubjectLength = maxSubject;
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<CredentialsOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage($"*{message}*");
    }

    [Fact]
    public void AddCredentials_HostStoreRegisteredFirst_HostStoreWins()
    {
        var mine = new InMemoryWebTokenStore();
        var services = new ServiceCollection();
        services.AddSingleton<IWebTokenStore>(mine);

        services.AddCredentials();

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        provider.GetRequiredService<IWebTokenStore>().Should().BeSameAs(mine);
        provider.GetRequiredService<IWebTokenService>().Should().NotBeNull();
    }

    private static void Pepper(CredentialsOptions options, string current, params (string Id, byte[] Key)[] peppers)
    {
        foreach (var (id, key) in peppers)
        {
            options.Hashing.Peppers[id] = key;
        }

        options.Hashing.CurrentPepperId = current;
    }
}
