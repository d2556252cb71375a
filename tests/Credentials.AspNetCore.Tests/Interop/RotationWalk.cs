using Credentials.Jwt;

namespace Credentials.AspNetCore.Tests.Interop;

/// <summary>
/// One rotation as a JWKS consumer lives it, the same for every consumer: at each <see cref="RotationPhase"/> the host
/// issues a token and the consumer judges every token issued so far. Every live token is accepted in every phase; once
/// the old key has left the JWKS its tokens are refused (they have expired too by then, which is what the retention
/// guarantees, so a consumer may name either reason; a live token of a dropped key is a compromise test's business).
/// </summary>
public static class RotationWalk
{
    /// <summary>Walks <paramref name="host"/> through the rotation; <paramref name="verify"/> asks the consumer.</summary>
    public static async Task RunAsync(IssuingHost host, Func<IReadOnlyList<string>, Task<IReadOnlyList<Verdict>>> verify)
    {
        var issued = new List<IssuedJwt>();
        async Task<IReadOnlyList<Verdict>> IssueAndVerifyAsync()
        {
            issued.Add(host.Issue());
            return await verify([.. issued.Select(t => t.Token)]);
        }

        await host.EnterAsync(RotationPhase.Before);
        (await IssueAndVerifyAsync()).Should().Equal(Verdict.Accept);
        var first = issued[0].KeyId;
        (await host.PublishedKeyIdsAsync()).Should().Equal(first);

        await host.EnterAsync(RotationPhase.Announced);
        var announced = await host.PublishedKeyIdsAsync();
        (await IssueAndVerifyAsync()).Should().Equal(Verdict.Accept, Verdict.Accept);
        announced.Should().HaveCount(2).And.Contain(first);
        issued[1].KeyId.Should().Be(first, "an announced key does not sign yet");
        var successor = announced.Single(k => k != first);

        await host.EnterAsync(RotationPhase.Switched);
        (await IssueAndVerifyAsync()).Should().Equal(Verdict.Accept, Verdict.Accept, Verdict.Accept);
        issued[2].KeyId.Should().Be(successor);
        (await host.PublishedKeyIdsAsync()).Should().BeEquivalentTo([first, successor], "the old key stays for its tokens");

        await host.EnterAsync(RotationPhase.Retired);
        (await host.PublishedKeyIdsAsync()).Should().Equal(successor);
        (await IssueAndVerifyAsync()).Select(v => v.Accepted).Should().Equal(false, false, true, true);
    }
}
