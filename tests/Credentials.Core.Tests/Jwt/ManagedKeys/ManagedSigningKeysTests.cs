using System.Text.Json;
using Credentials.Jwt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Credentials.Core.Tests.Jwt.ManagedKeys.ManagedKeysTestKit;

namespace Credentials.Core.Tests.Jwt.ManagedKeys;

public sealed class ManagedSigningKeysTests
{
    private readonly FakeTimeProvider _time = new(JwtTestKit.Start);
    private readonly ProbeSigningKeyStore _store = new();

    [Fact]
    public void Issue_FirstUse_MakesOneEs256KeyThatSignsAtOnce()
    {
        using var instance = Instances(1, _time, _store)[0];

        var token = instance.Issue();

        instance.Ring.GetKeys().Should().ContainSingle().Which.Should().Be(
            new JwtKeyInfo(token.KeyId, "ES256", JwtKeyState.Active) { ActivatesAt = _time.GetUtcNow() }, "the first key signs from the moment it is made");
        instance.Validate(token.Token).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Issue_Rs256Configured_SignsWithRs256()
    {
        using var instance = Instances(1, _time, _store, o => o.Algorithm = "RS256")[0];

        var token = instance.Issue();

        instance.Ring.GetKeys().Single().Algorithm.Should().Be("RS256");
        instance.Validate(token.Token).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Ring_SuccessorDue_IsPublishedButSignsOnlyFromItsActivation()
    {
        using var instance = Instances(1, _time, _store)[0];
        var first = instance.Ring.CurrentKeyId;

        _time.Advance(Rotation - Propagation);
        var published = instance.PublishedKeyIds();
        _time.Advance(Propagation - TimeSpan.FromSeconds(1));
        var signerJustBefore = instance.Ring.CurrentKeyId;
        _time.Advance(TimeSpan.FromSeconds(1));

        published.Should().HaveCount(2).And.Contain(first);
        signerJustBefore.Should().Be(first);
        instance.Ring.CurrentKeyId.Should().Be(published.Single(k => k != first));
    }

    [Fact]
    public async Task Validate_TokenOfTheReplacedKey_ValidUntilItExpiresThenKeyDeleted()
    {
        using var instance = Instances(1, _time, _store)[0];
        _ = instance.Ring.CurrentKeyId;
        _time.Advance(Rotation - Propagation);
        _ = instance.Ring.CurrentKeyId;
        _time.Advance(Propagation - TimeSpan.FromSeconds(1));
        var lastOfFirstKey = instance.Issue();
        _time.Advance(TimeSpan.FromSeconds(1));
        instance.Ring.CurrentKeyId.Should().NotBe(lastOfFirstKey.KeyId);

        _time.SetUtcNow(lastOfFirstKey.ExpiresAt + ClockSkew - TimeSpan.FromSeconds(1));
        var justBefore = instance.Validate(lastOfFirstKey.Token);
        _time.Advance(TimeSpan.FromSeconds(1));
        var atExpiry = instance.Validate(lastOfFirstKey.Token);
        // The key retires a second after its last token: that token was signed a second before the successor took over.
        _time.Advance(TimeSpan.FromSeconds(1));
        var publishedAfterExpiry = instance.PublishedKeyIds();
        _time.Advance(Refresh);
        _ = instance.Ring.CurrentKeyId;
        var stored = await _store.ListAsync(CancellationToken.None);

        justBefore.Succeeded.Should().BeTrue();
        atExpiry.Succeeded.Should().BeFalse();
        publishedAfterExpiry.Should().NotContain(lastOfFirstKey.KeyId);
        stored.Select(k => k.KeyId).Should().NotContain(lastOfFirstKey.KeyId, "a key is deleted at the first reload after every token it signed has expired");
    }

    [Fact]
    public async Task RefreshAsync_InstancesDecidingTogether_MakeOneKeyAndSignWithIt()
    {
        var instances = Instances(3, _time, _store);
        _store.HoldListingsUntil(3);

        await Task.WhenAll(instances.Select(i => Task.Run(() => i.Ring.RefreshAsync(CancellationToken.None))));

        (await _store.ListAsync(CancellationToken.None)).Should().ContainSingle();
        _store.Adds.Should().Be(3, "all three saw no key and tried; the store let one in");
        instances.Select(i => i.Ring.CurrentKeyId).Distinct().Should().ContainSingle();
    }

    [Fact]
    public async Task RefreshAsync_InstancesDecidingTogetherOnASuccessor_MakeOneSuccessor()
    {
        var instances = Instances(3, _time, _store);
        var first = instances[0].Ring.CurrentKeyId;
        _time.Advance(Rotation - Propagation);
        _store.HoldListingsUntil(3);

        await Task.WhenAll(instances.Select(i => Task.Run(() => i.Ring.RefreshAsync(CancellationToken.None))));
        _time.Advance(Propagation);

        (await _store.ListAsync(CancellationToken.None)).Select(k => k.Generation).Should().Equal(1, 2);
        instances.Select(i => i.Ring.CurrentKeyId).Distinct().Should().ContainSingle().Which.Should().NotBe(first);
    }

    [Fact]
    public async Task Validate_KidMadeByAnotherInstanceSinceTheLastReload_ReloadsOnceAndAccepts()
    {
        var instances = Instances(2, _time, _store);
        var (a, b) = (instances[0], instances[1]);
        _ = a.Ring.CurrentKeyId + b.Ring.CurrentKeyId;
        _time.Advance(Rotation - Propagation - TimeSpan.FromMinutes(1));
        _ = b.Ring.CurrentKeyId;
        _time.Advance(TimeSpan.FromMinutes(1));
        await a.Ring.RefreshAsync(CancellationToken.None);
        var successor = a.Ring.Current.Entries.Single(e => e.State == JwtKeyState.Pending).Key;
        var listsBefore = _store.Lists;

        // B loaded a minute ago, before A made the successor; a token under it (pending keys validate) sends B to the store.
        var result = b.Validate(SignedBy(successor, successor.KeyId));
        var madeUp = b.Validate(SignedBy(successor, "made-up-kid"));

        result.Succeeded.Should().BeTrue();
        madeUp.Failure.Should().Be(JwtValidationFailure.UnknownKey);
        (_store.Lists - listsBefore).Should().Be(1, "unknown kids reload at most once per UnknownKeyRefreshInterval");
    }

    [Fact]
    public void Current_StoreDown_KeepsSigningWithTheKeysItHas()
    {
        using var instance = Instances(1, _time, _store)[0];
        var signer = instance.Ring.CurrentKeyId;
        _store.Failing = true;

        _time.Advance(TimeSpan.FromHours(1));
        var token = instance.Issue();

        token.KeyId.Should().Be(signer);
        instance.Validate(token.Token).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Current_StaleWithinTwiceTheRefreshInterval_ServesBeforeReloadingAndOpensEachKeyOnce()
    {
        var protector = SharedProtector();
        using var instance = Instance(_time, _store, protector);
        _ = instance.Ring.CurrentKeyId;
        var lists = _store.Lists;

        _time.Advance(Refresh - TimeSpan.FromSeconds(1));
        _ = instance.Ring.CurrentKeyId;
        var listsWhileFresh = _store.Lists - lists;
        _time.Advance(TimeSpan.FromSeconds(1));
        _ = instance.Ring.CurrentKeyId;

        listsWhileFresh.Should().Be(0);
        (_store.Lists - lists).Should().Be(1);
        protector.Unprotected.Should().Be(0, "the instance that made the key keeps it open; reloads open only new keys");
    }

    [Fact]
    public async Task ExportJwksAndToString_ManagedKeys_NeverShowPrivateParts()
    {
        using var instance = Instances(1, _time, _store)[0];
        _ = instance.Issue();
        var stored = (await _store.ListAsync(CancellationToken.None)).Single();

        using var jwks = JsonDocument.Parse(instance.Ring.ExportJwks());
        jwks.RootElement.GetProperty("keys")[0].TryGetProperty("d", out _).Should().BeFalse();
        stored.ToString().Should().Contain(stored.KeyId).And.NotContain(Convert.ToBase64String(stored.ProtectedPrivateKey)).And.NotContain("Byte");
    }

    [Fact]
    public void AddKey_ManagedRing_Refuses()
    {
        using var instance = Instances(1, _time, _store)[0];

        instance.Invoking(i => i.Ring.AddKey(JwtTestKit.Key("ES256", JwtKeyState.Pending))).Should().Throw<InvalidOperationException>().WithMessage("*managed*");
    }

    [Theory]
    [InlineData("HS256", "*Algorithm must be ES256 or RS256*")]
    [InlineData("refresh", "*PropagationTime must be at least twice*RefreshInterval*")]
    [InlineData("rotation", "*RotationInterval must be between*PropagationTime*")]
    [InlineData("active", "*may hold only Retiring keys*")]
    public void Options_Invalid_NameTheSetting(string problem, string message)
    {
        var services = new ServiceCollection();
        services.AddCredentials(o =>
        {
            o.Jwt.Issuer = JwtTestKit.Issuer;
            o.Jwt.Audience = JwtTestKit.Audience;
            if (problem == "active")
            {
                o.Jwt.SigningKeys.Add(JwtTestKit.Key("ES256"));
            }
        }).UseManagedSigningKeys(o =>
        {
            o.Algorithm = problem == "HS256" ? "HS256" : o.Algorithm;
            o.RefreshInterval = problem == "refresh" ? TimeSpan.FromDays(2) : o.RefreshInterval;
            o.RotationInterval = problem == "rotation" ? TimeSpan.FromDays(1) : o.RotationInterval;
        });
        using var provider = services.BuildServiceProvider();

        provider.Invoking(p => p.GetRequiredService<IOptions<Credentials.CredentialsOptions>>().Value)
            .Should().Throw<OptionsValidationException>().WithMessage(message).WithMessage("*Credentials:Jwt:ManagedSigningKeys*");
    }

    [Fact]
    public void Ring_DurableStoreWithTheEphemeralProtector_RefusesToStart()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ISigningKeyStore>(_store);
        services.AddCredentials(o =>
        {
            o.Jwt.Issuer = JwtTestKit.Issuer;
            o.Jwt.Audience = JwtTestKit.Audience;
        }).UseManagedSigningKeys();
        using var provider = services.BuildServiceProvider();

        provider.Invoking(p => p.GetRequiredService<JwtKeyRing>()).Should().Throw<InvalidOperationException>().WithMessage("*UseDataProtectionForSigningKeys*");
    }

    private string SignedBy(JwtSigningKey key, string kid)
    {
        var ecdsa = ((Microsoft.IdentityModel.Tokens.ECDsaSecurityKey)key.SecurityKey).ECDsa;
        return JwtTestKit.Forge(JwtTestKit.Header("ES256", kid), JwtTestKit.Claims(_time.GetUtcNow()), data => ecdsa.SignData(data, System.Security.Cryptography.HashAlgorithmName.SHA256));
    }
}
