using Credentials.Core.Tests.Invalidation;
using Credentials.Core.Tests.WebTokens;
using Credentials.Invalidation;
using Credentials.Secrets;
using Credentials.Sessions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Core.Tests.Sessions;

/// <summary>
/// Instances of one host for the session tests: each has its own <see cref="SessionService"/> (its own cache) on one
/// shared store and one fake clock, linked by a <see cref="LinkedChannel"/> bus as Redis pub/sub would link them.
/// </summary>
internal sealed class SessionTestKit : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<LinkedChannel> _bus = [];
    private readonly List<SessionService> _instances = [];

    public FakeTimeProvider Time { get; } = new(Start);

    public InMemorySessionStore Store { get; } = new();

    public RecordingLogger<SessionService> Logger { get; } = new();

    public List<LinkedChannel> Channels => _bus;

    /// <summary>Another instance of the host.</summary>
    public SessionService Instance(Action<SessionOptions>? configure = null, SecretHashingOptions? hashing = null, ISecurityStampSource? stamps = null)
    {
        var options = new CredentialsOptions();
        options.Sessions.EnableRefreshTokens = true;
        configure?.Invoke(options.Sessions);
        var channel = new LinkedChannel(_bus, new RecordingLogger<LinkedChannel>());
        var service = new SessionService(
            Store, new SecretHasher(hashing ?? new SecretHashingOptions()), CryptoSecretRandom.Instance, Time, Options.Create(options), channel, Logger, stamps);
        _instances.Add(service);
        return service;
    }

    public void Dispose()
    {
        foreach (var instance in _instances)
        {
            instance.Dispose();
        }
    }
}
