using Credentials.Jwt;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.HealthChecks;

/// <summary>
/// Whether this instance can sign JWTs, and with managed keys whether the next key is announced in time: Unhealthy when
/// no key is active, Degraded when the active key's successor should have been published (its rotation ends within
/// <see cref="ManagedSigningKeyOptions.PropagationTime"/>) and this instance's ring still holds none. Names key ids and
/// instants only: no key material.
/// </summary>
internal sealed class SigningKeysHealthCheck(JwtKeyRing ring, IOptions<CredentialsOptions> options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // The ring reloads managed keys by itself when they are stale, so the check sees what the next login signs with.
        var keys = ring.GetKeys();
        if (keys.FirstOrDefault(k => k.State == JwtKeyState.Active) is not { } active)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("No JWT signing key is active: no JWT can be issued (configure Credentials:Jwt, or check the signing key store)."));
        }

        var managed = options.Value.Jwt.ManagedSigningKeys;
        if (!managed.Enabled || active.ActivatesAt is not { } activatesAt || keys.Any(k => k.State == JwtKeyState.Pending))
        {
            return Task.FromResult(HealthCheckResult.Healthy($"JWT signing key {active.KeyId} is active."));
        }

        // A successor is made when the ring reloads after it falls due; a ring asked for keys reloads within twice the
        // refresh interval, so a successor missing past that was not made (the store refused or failed).
        var rotationEnds = activatesAt + managed.RotationInterval;
        var overdueFrom = rotationEnds - managed.PropagationTime + (2 * managed.RefreshInterval);
        return Task.FromResult(time.GetUtcNow() < overdueFrom
            ? HealthCheckResult.Healthy($"JWT signing key {active.KeyId} is active; its successor is due at {rotationEnds - managed.PropagationTime:O}.")
            : HealthCheckResult.Degraded($"JWT signing key {active.KeyId} stops signing at {rotationEnds:O} and no successor is published yet: JWKS consumers may not learn the next key in time. Check the signing key store."));
    }
}
