namespace Credentials.AspNetCore.Tests.Interop;

/// <summary>
/// Node's <c>jose</c>, the JWT library most Node.js services use, keyed from our JWKS over a real socket through
/// signing-key rotations. Each phase is one <c>node</c> run that fetches the JWKS afresh, as a new process does.
/// </summary>
public sealed class JoseInteropTests(NodeJose jose) : IClassFixture<NodeJose>
{
    [Theory]
    [MemberData(nameof(JwtBearerInteropTests.Keys), MemberType = typeof(JwtBearerInteropTests))]
    public async Task Jose_ThroughOneRotation_AcceptsEveryLiveTokenAndRefusesTheDroppedKeys(IssuerKeys keys)
    {
        await using var issuer = await IssuingHost.StartAsync(keys, onSocket: true);

        await RotationWalk.RunAsync(issuer, tokens => jose.VerifyAsync(issuer.JwksUri, issuer.Time.GetUtcNow(), keys.Algorithm, tokens));
    }

    /// <summary>A compromised managed key: every stored key is deleted, and jose refuses its live tokens for their key.</summary>
    [Fact]
    public async Task Jose_ManagedKeysDeletedAfterACompromise_RefusesLiveTokensOfTheDeletedKey()
    {
        await using var issuer = await IssuingHost.StartAsync(new IssuerKeys(Managed: true, "ES256"), onSocket: true);
        var stolen = issuer.Issue();

        await issuer.DeleteEveryManagedKeyAsync();
        var fresh = issuer.Issue();

        var verdicts = await jose.VerifyAsync(issuer.JwksUri, issuer.Time.GetUtcNow(), "ES256", [stolen.Token, fresh.Token]);
        verdicts.Should().Equal(Verdict.Refuse(Verdict.UnknownKey), Verdict.Accept);
    }
}
