using Credentials.ApiKeys;
using Credentials.StackExchangeRedis.Tests.Infrastructure;
using Credentials.StackExchangeRedis.Tests.Login;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.StackExchangeRedis.Tests.ApiKeys;

/// <summary>A container with <c>AddRedis</c> on a key prefix of its own, a fake clock and captured log events.</summary>
internal sealed class RateLimitCounterHost : IDisposable
{
    private readonly ServiceProvider _services;

    public RateLimitCounterHost(string connectionString, FakeTimeProvider? clock = null)
    {
        Clock = clock ?? new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        KeyPrefix = RedisServer.NewKeyPrefix();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddLogging(logging => logging.AddProvider(Events));
        services.AddCredentials().AddRedis(connectionString, options => options.KeyPrefix = KeyPrefix);
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; }

    public string KeyPrefix { get; }

    public LoginHost.EventLog Events { get; } = new();

    public IApiKeyRateLimitCounter Counter => _services.GetRequiredService<IApiKeyRateLimitCounter>();

    public void Dispose() => _services.Dispose();
}
