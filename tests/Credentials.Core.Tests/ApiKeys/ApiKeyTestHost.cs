using Credentials.ApiKeys;
using Credentials.Secrets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Core.Tests.ApiKeys;

/// <summary>AddCredentials() with a fake clock and, optionally, a given store, random source or pepper setup; one scope per host.</summary>
internal sealed class ApiKeyTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;
    private readonly AsyncServiceScope _scope;

    public ApiKeyTestHost(
        Action<CredentialsOptions>? configure = null,
        IApiKeyStore? store = null,
        ISecretRandom? random = null,
        FakeTimeProvider? clock = null,
        ListLogger<ApiKeyUsageRecorder>? usageLogger = null)
    {
        Clock = clock ?? new FakeTimeProvider(Start);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        if (store is not null)
        {
            services.AddSingleton(store);
        }

        if (random is not null)
        {
            services.AddSingleton(random);
        }

        if (usageLogger is not null)
        {
            services.AddSingleton<ILogger<ApiKeyUsageRecorder>>(usageLogger);
        }

        services.AddCredentials(configure);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        _scope = _provider.CreateAsyncScope();
        Service = _scope.ServiceProvider.GetRequiredService<IApiKeyService>();
        Store = _scope.ServiceProvider.GetRequiredService<IApiKeyStore>();
    }

    public FakeTimeProvider Clock { get; }

    public IApiKeyService Service { get; }

    public IApiKeyStore Store { get; }

    public static ApiKeyCreator Admin { get; } = new() { UserId = "admin", Permissions = [ApiKeyPermissions.Create] };

    public static ApiKeyCreator SelfService(string userId) => new() { UserId = userId, Permissions = [ApiKeyPermissions.CreateOwn] };

    /// <summary>Creates a key that must succeed, owned by <paramref name="ownerId"/>.</summary>
    public async Task<ApiKeyCreateResult> CreateAsync(string ownerId = "user-1", ApiKeyCreateRequest? request = null)
    {
        var result = await Service.CreateAsync((request ?? new ApiKeyCreateRequest { Name = "test key" }) with { OwnerId = ownerId }, Admin, CancellationToken.None);
        result.Status.Should().Be(ApiKeyCreateStatus.Created, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        return result;
    }

    public async Task<ApiKeyVerificationResult> VerifyAsync(string? key) => await Service.VerifyAsync(key, CancellationToken.None);

    public async Task<List<ApiKey>> ListAsync(string? ownerId)
    {
        var keys = new List<ApiKey>();
        await foreach (var key in Service.ListAsync(ownerId, CancellationToken.None))
        {
            keys.Add(key);
        }

        return keys;
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _provider.DisposeAsync();
    }
}

/// <summary>Keeps every log entry's level and event id; enough to assert that a failure was logged.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, EventId EventId, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, EventId EventId, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((logLevel, eventId, formatter(state, exception)));
        }
    }
}
