using Credentials.Jwt;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.AspNetCore.Tests.Jwt;

public sealed class DataProtectionSigningKeyProtectorTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemorySigningKeyStore _store = new();
    private readonly DirectoryInfo _sharedKeys = Directory.CreateTempSubdirectory("credentials-dp-");
    private readonly DirectoryInfo _otherKeys = Directory.CreateTempSubdirectory("credentials-dp-other-");
    private readonly List<ServiceProvider> _providers = [];

    [Fact]
    public void UseDataProtectionForSigningKeys_InstancesSharingTheKeyRing_ValidateEachOthersTokens()
    {
        var a = Instance(_sharedKeys);
        var b = Instance(_sharedKeys);

        var token = a.GetRequiredService<IJwtIssuer>().Issue(Subject);
        var result = b.GetRequiredService<IJwtValidator>().Validate(token.Token);

        result.Succeeded.Should().BeTrue();
        b.GetRequiredService<JwtKeyRing>().CurrentKeyId.Should().Be(token.KeyId);
    }

    [Fact]
    public async Task UseDataProtectionForSigningKeys_StoredKey_IsSealedAndOpensOnlyWithTheSameKeyRing()
    {
        var a = Instance(_sharedKeys);
        var token = a.GetRequiredService<IJwtIssuer>().Issue(Subject);
        var stored = (await _store.ListAsync(CancellationToken.None)).Single();
        var stranger = Instance(_otherKeys);

        var ring = stranger.GetRequiredService<JwtKeyRing>();
        var keys = ring.GetKeys();
        var result = stranger.GetRequiredService<IJwtValidator>().Validate(token.Token);

        stored.ProtectedPrivateKey.Should().NotBeEmpty();
        keys.Should().BeEmpty("a host without the Data Protection keys cannot open the signing key");
        result.Succeeded.Should().BeFalse();
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        _sharedKeys.Delete(recursive: true);
        _otherKeys.Delete(recursive: true);
    }

    private static readonly JwtSubject Subject = new() { Id = "user-1", Name = "alice", Permissions = [] };

    private ServiceProvider Instance(DirectoryInfo dataProtectionKeys)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<ISigningKeyStore>(_store);
        services.AddDataProtection().SetApplicationName("credentials-tests").PersistKeysToFileSystem(dataProtectionKeys);
        services.AddCredentials(o =>
            {
                o.Jwt.Issuer = "https://login.example.test";
                o.Jwt.Audience = "example-api";
            })
            .UseManagedSigningKeys()
            .UseDataProtectionForSigningKeys();
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }
}
