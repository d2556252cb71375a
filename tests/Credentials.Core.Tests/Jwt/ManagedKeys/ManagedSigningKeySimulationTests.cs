using Credentials.Jwt;
using Microsoft.Extensions.Time.Testing;
using static Credentials.Core.Tests.Jwt.ManagedKeys.ManagedKeysTestKit;

namespace Credentials.Core.Tests.Jwt.ManagedKeys;

/// <summary>
/// Three instances (three service providers) share one store for 400 days of fake time with the default settings:
/// 30-minute steps, a token issued every 6 hours at a random minute by each instance in turn, every live token
/// validated on every instance at each issue.
/// </summary>
public sealed class ManagedSigningKeySimulationTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(30);
    private const int StepsPerIssue = 12;

    [Fact]
    public async Task FourHundredDays_ThreeInstances_TokensLiveTheirLifetimeEverywhereAndKeysRotateInAgreement()
    {
        var start = JwtTestKit.Start;
        var time = new FakeTimeProvider(start);
        var store = new ProbeSigningKeyStore();
        var instances = Instances(3, time, store);
        var random = new Random(13);
        var live = new List<IssuedJwt>();
        var firstPublished = new Dictionary<string, DateTimeOffset>();
        var firstSigned = new Dictionary<string, DateTimeOffset>();
        var lastSigned = new Dictionary<string, DateTimeOffset>();
        var unpublishedAt = new Dictionary<string, DateTimeOffset>();
        var created = new HashSet<string>();
        var deleted = new HashSet<string>();
        string[] published = [];
        int issued = 0, validations = 0, maxStored = 0;

        for (var step = 0; time.GetUtcNow() <= start.AddDays(400); step++)
        {
            var now = time.GetUtcNow();

            // Every instance signs with the same key and publishes the same JWKS, at every step.
            var signers = instances.Select(i => i.Ring.CurrentKeyId).Distinct().ToArray();
            signers.Should().ContainSingle($"instances must agree on the signing key at {now:O}");
            var signer = signers[0];
            firstSigned.TryAdd(signer, now);
            lastSigned[signer] = now;

            var jwks = instances.Select(i => i.PublishedKeyIds().Order(StringComparer.Ordinal).ToArray()).ToArray();
            jwks.Should().AllSatisfy(j => j.Should().Equal(jwks[0]), $"instances must publish the same JWKS at {now:O}");
            jwks[0].Should().Contain(signer);
            foreach (var kid in jwks[0])
            {
                firstPublished.TryAdd(kid, now);
            }

            foreach (var kid in published.Except(jwks[0]))
            {
                unpublishedAt[kid] = now;
            }

            published = jwks[0];

            var stored = await store.ListAsync(CancellationToken.None);
            maxStored = Math.Max(maxStored, stored.Count);
            deleted.UnionWith(created.Except(stored.Select(k => k.KeyId)));
            created.UnionWith(stored.Select(k => k.KeyId));

            if (step % StepsPerIssue == 0)
            {
                // Any moment, not only the grid: a random second within the step, by each instance in turn.
                var jitter = TimeSpan.FromSeconds(random.Next((int)Step.TotalSeconds));
                time.Advance(jitter);
                var token = instances[issued++ % instances.Length].Issue();
                token.KeyId.Should().Be(instances[0].Ring.CurrentKeyId);
                live.Add(token);

                foreach (var jwt in live.ToArray())
                {
                    var stillValid = time.GetUtcNow() < jwt.ExpiresAt + ClockSkew;
                    foreach (var instance in instances)
                    {
                        var result = instance.Validate(jwt.Token);
                        validations++;
                        if (stillValid)
                        {
                            result.Succeeded.Should().BeTrue($"{jwt} must validate on every instance until it expires (at {time.GetUtcNow():O}: {result})");
                        }
                        else
                        {
                            // Expired while its key is kept; the key's own end may follow within the same 6 hours.
                            result.Failure.Should().BeOneOf([JwtValidationFailure.Expired, JwtValidationFailure.KeyRetired, JwtValidationFailure.UnknownKey], $"{jwt} is refused once it has expired");
                        }
                    }

                    if (!stillValid)
                    {
                        live.Remove(jwt);
                    }
                }

                time.Advance(Step - jitter);
            }
            else
            {
                time.Advance(Step);
            }
        }

        // Every key after the first was published the propagation time before it signed.
        foreach (var (kid, signedFrom) in firstSigned.Skip(1))
        {
            (signedFrom - firstPublished[kid]).Should().BeGreaterThanOrEqualTo(Propagation, $"key {kid} is announced before it signs");
        }

        // A key left the JWKS only once every token it could have signed had expired.
        foreach (var (kid, gone) in unpublishedAt)
        {
            gone.Should().BeOnOrAfter(lastSigned[kid] + Lifetime + ClockSkew, $"key {kid} stays published while its tokens live");
        }

        // Generation n signs from day 30(n-1) and is made 2 days before: 14 keys by day 400; the 13 before the
        // last-but-one rotation are deleted 7 days after their successor took over. Never more than two at once.
        firstSigned.Should().HaveCount(14);
        created.Should().HaveCount(14);
        deleted.Should().HaveCount(13);
        unpublishedAt.Should().HaveCount(13);
        maxStored.Should().Be(2);
        issued.Should().Be(1601);
        validations.Should().BeGreaterThan(100_000);
    }
}
