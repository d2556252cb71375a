using Credentials.Jwt;

namespace Credentials.AspNetCore.Tests.Interop;

/// <summary>
/// ASP.NET Core's JwtBearer, keyed only from our published JWKS, through signing-key rotations: the consumer most
/// hosts of these tokens run.
/// </summary>
public sealed class JwtBearerInteropTests
{
    public static TheoryData<IssuerKeys> Keys => new()
    {
        new IssuerKeys(Managed: true, "ES256"),
        new IssuerKeys(Managed: true, "RS256"),
        new IssuerKeys(Managed: false, "ES256"),
        new IssuerKeys(Managed: false, "RS256"),
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task JwtBearer_ThroughOneRotation_AcceptsEveryLiveTokenAndRefusesTheDroppedKeys(IssuerKeys keys)
    {
        await using var issuer = await IssuingHost.StartAsync(keys, onSocket: false);
        await using var api = await JwtBearerResourceServer.StartAsync(issuer);

        await RotationWalk.RunAsync(issuer, async tokens =>
        {
            await api.Jwks.RefreshAsync(); // phases are days apart: JwtBearer has refetched the JWKS (every 12 hours) since the last
            return await api.VerifyAsync(tokens);
        });
    }

    /// <summary>The point of announcing a key before it signs: a JWKS cached while the key was only announced already verifies its first tokens.</summary>
    [Fact]
    public async Task JwtBearer_JwksCachedBeforeTheSwitch_AcceptsTheSuccessorsFirstTokensWithoutRefetching()
    {
        await using var issuer = await IssuingHost.StartAsync(new IssuerKeys(Managed: true, "ES256"), onSocket: false);
        await using var api = await JwtBearerResourceServer.StartAsync(issuer);
        await issuer.EnterAsync(RotationPhase.Announced);
        await api.Jwks.RefreshAsync();

        await issuer.EnterAsync(RotationPhase.Switched);
        var first = issuer.Issue();

        (await api.VerifyAsync([first.Token])).Should().Equal(Verdict.Accept);
        api.Jwks.RefreshRequests.Should().Be(0, "the key was known before it signed");
    }

    /// <summary>A compromised managed key: every stored key is deleted, and its live tokens fail as soon as the consumer refetches the JWKS.</summary>
    [Fact]
    public async Task JwtBearer_ManagedKeysDeletedAfterACompromise_RefusesLiveTokensOfTheDeletedKey()
    {
        await using var issuer = await IssuingHost.StartAsync(new IssuerKeys(Managed: true, "ES256"), onSocket: false);
        await using var api = await JwtBearerResourceServer.StartAsync(issuer);
        var stolen = issuer.Issue();

        await issuer.DeleteEveryManagedKeyAsync();
        await api.Jwks.RefreshAsync();
        var fresh = issuer.Issue();

        fresh.KeyId.Should().NotBe(stolen.KeyId);
        (await api.VerifyAsync([stolen.Token, fresh.Token])).Should().Equal(Verdict.Refuse(Verdict.UnknownKey), Verdict.Accept);
        (await issuer.PublishedKeyIdsAsync()).Should().Equal(fresh.KeyId);
    }
}
