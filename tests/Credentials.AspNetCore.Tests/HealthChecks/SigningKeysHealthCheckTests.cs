using Credentials.Jwt;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.AspNetCore.Tests.HealthChecks;

public sealed class SigningKeysHealthCheckTests : IDisposable
{
    private static readonly ManagedSigningKeyOptions Defaults = new();

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RefusingStore _store = new();
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose() => _providers.ForEach(p => p.Dispose());

    [Fact]
    public async Task Check_ConfiguredActiveKey_IsHealthy()
    {
        var report = await CheckAsync(managed: false, jwt: true);

        report.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Check_NoJwtConfiguration_IsUnhealthy()
    {
        var report = await CheckAsync(managed: false, jwt: false);

        report.Status.Should().Be(HealthStatus.Unhealthy);
        report.Description.Should().Contain("No JWT signing key is active");
    }

    [Fact]
    public async Task Check_ManagedKeysStoreDownFromTheStart_IsUnhealthy()
    {
        _store.Failing = true;

        var report = await CheckAsync(managed: true, jwt: true);

        report.Status.Should().Be(HealthStatus.Unhealthy);
    }

    [Fact]
    public async Task Check_ManagedKeyEarlyInItsRotation_IsHealthy()
    {
        var provider = Build(managed: true, jwt: true);
        await RefreshAsync(provider);

        _time.Advance(Defaults.RotationInterval / 2);
        var report = await CheckAsync(provider);

        report.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Check_SuccessorDueAndPublished_IsHealthy()
    {
        var provider = Build(managed: true, jwt: true);
        await RefreshAsync(provider);

        _time.Advance(Defaults.RotationInterval - Defaults.PropagationTime + (3 * Defaults.RefreshInterval));
        await RefreshAsync(provider);
        var report = await CheckAsync(provider);

        provider.GetRequiredService<JwtKeyRing>().GetKeys().Should().Contain(k => k.State == JwtKeyState.Pending);
        report.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Check_SuccessorDueButTheStoreRefusesIt_IsDegraded()
    {
        var provider = Build(managed: true, jwt: true);
        await RefreshAsync(provider);
        _store.RefusesAdds = true;

        _time.Advance(Defaults.RotationInterval - Defaults.PropagationTime + (3 * Defaults.RefreshInterval));
        await RefreshAsync(provider);
        var report = await CheckAsync(provider);

        report.Status.Should().Be(HealthStatus.Degraded);
        report.Description.Should().Contain("no successor is published");
    }

    [Fact]
    public async Task Check_SuccessorJustDue_IsStillHealthyWhileTheRingMayNotHaveReloaded()
    {
        var provider = Build(managed: true, jwt: true);
        await RefreshAsync(provider);
        _store.RefusesAdds = true;

        _time.Advance(Defaults.RotationInterval - Defaults.PropagationTime + Defaults.RefreshInterval);
        var report = await CheckAsync(provider);

        report.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Check_Descriptions_CarryNoKeyMaterial()
    {
        var provider = Build(managed: true, jwt: true);
        await RefreshAsync(provider);

        var report = await CheckAsync(provider);

        var stored = (await _store.ListAsync(CancellationToken.None)).Single();
        report.Description.Should().NotContain(Convert.ToBase64String(stored.ProtectedPrivateKey));
        report.Data.Should().BeEmpty();
    }

    private async Task<HealthReportEntry> CheckAsync(bool managed, bool jwt) => await CheckAsync(Build(managed, jwt));

    private static async Task<HealthReportEntry> CheckAsync(ServiceProvider provider)
    {
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries[CredentialsHealthChecksBuilderExtensions.SigningKeysCheckName];
    }

    private static Task RefreshAsync(ServiceProvider provider) => provider.GetRequiredService<JwtKeyRing>().RefreshAsync(CancellationToken.None);

    private ServiceProvider Build(bool managed, bool jwt)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<ISigningKeyStore>(_store);
        var credentials = services.AddCredentials(o =>
        {
            if (jwt)
            {
                o.Jwt.Issuer = "https://login.example.test";
                o.Jwt.Audience = "example-api";
                o.Jwt.UseDevelopmentSigningKey = !managed;
            }
        });
        if (managed)
        {
            services.AddDataProtection().UseEphemeralDataProtectionProvider();
            credentials.UseManagedSigningKeys().UseDataProtectionForSigningKeys();
        }

        services.AddHealthChecks().AddCredentialsSigningKeys();
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    /// <summary>The in-memory store, which can refuse new keys (as if another instance held the generation) or fail outright.</summary>
    private sealed class RefusingStore : ISigningKeyStore
    {
        private readonly InMemorySigningKeyStore _inner = new();

        public bool RefusesAdds { get; set; }

        public bool Failing { get; set; }

        public ValueTask<IReadOnlyList<StoredSigningKey>> ListAsync(CancellationToken cancellationToken) =>
            Failing ? throw new InvalidOperationException("Store down.") : _inner.ListAsync(cancellationToken);

        public ValueTask<bool> TryAddAsync(StoredSigningKey key, CancellationToken cancellationToken) =>
            Failing ? throw new InvalidOperationException("Store down.") : RefusesAdds ? ValueTask.FromResult(false) : _inner.TryAddAsync(key, cancellationToken);

        public ValueTask<bool> DeleteAsync(long generation, CancellationToken cancellationToken) => _inner.DeleteAsync(generation, cancellationToken);
    }
}
