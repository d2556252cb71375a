using Credentials.ApiKeys;
using Credentials.Secrets;
using Credentials.Users;
using Credentials.WebTokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Core.Tests.ApiKeys;

/// <summary>
/// AddCredentials() with a fake clock and, optionally, a given store, random source, pepper setup or other services
/// (registered first, so they win over the defaults); one scope per host.
/// </summary>
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
        ListLogger<ApiKeyUsageRecorder>? usageLogger = null,
        Action<IServiceCollection>? register = null)
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

        services.AddSingleton<IUserDirectory>(Owners);
        register?.Invoke(services);
        services.AddCredentials(configure ?? (_ => { }));
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        _scope = _provider.CreateAsyncScope();
        Service = _scope.ServiceProvider.GetRequiredService<IApiKeyService>();
        Store = _scope.ServiceProvider.GetRequiredService<IApiKeyStore>();
        WebTokens = _scope.ServiceProvider.GetRequiredService<IWebTokenService>();
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>The owners keys act for; every id is known with <see cref="TestUserDirectory.CommonPermissions"/> unless set.</summary>
    public TestUserDirectory Owners { get; } = new();

    public IApiKeyService Service { get; }

    public IApiKeyStore Store { get; }

    public IWebTokenService WebTokens { get; }

    public ApiKeyVerificationCache Cache => _provider.GetRequiredService<ApiKeyVerificationCache>();

    public static ApiKeyActor Admin { get; } = ApiKeyActor.User("admin", TestUserDirectory.CommonPermissions);

    public static ApiKeyActor SelfService(string userId) => ApiKeyActor.User(userId, [ApiKeyPermissions.CreateOwn, "read", "write"]);

    /// <summary>The owner, managing its own keys.</summary>
    public static ApiKeyActor Owner(string userId = "user-1") => ApiKeyActor.User(userId, []);

    /// <summary>Creates a key that must succeed, owned by <paramref name="ownerId"/>.</summary>
    public async Task<ApiKeyCreateResult> CreateAsync(string ownerId = "user-1", ApiKeyCreateRequest? request = null)
    {
        request ??= new ApiKeyCreateRequest { Name = "test key" };

        // An admin who holds whatever the key asks for: the owner's ceiling is the only bound these keys meet.
        string[] adminHolds = [.. TestUserDirectory.CommonPermissions, .. (request.Permissions ?? []).OfType<string>()];
        Owners.Set("admin", adminHolds);
        var admin = ApiKeyActor.User("admin", adminHolds);
        var result = await Service.CreateAsync(request with { OwnerId = ownerId }, admin, CancellationToken.None);
        result.Succeeded.Should().BeTrue(string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        return result;
    }

    public async Task<ApiKeyVerificationResult> VerifyAsync(string? key) => await Service.VerifyAsync(key, CancellationToken.None);

    /// <summary>Creates a key for <paramref name="ownerId"/> with these permissions and returns it with the actor its current secret makes.</summary>
    public async Task<(ApiKeyCreateResult Created, ApiKeyActor Actor)> CreateKeyActorAsync(string ownerId, params string[] permissions)
    {
        var created = await CreateAsync(ownerId, new ApiKeyCreateRequest { Name = "actor", Permissions = permissions });
        var verified = await VerifyAsync(created.PlainKey);
        verified.Succeeded.Should().BeTrue();
        return (created, ApiKeyActor.ApiKey(verified));
    }

    /// <summary>The keys the owner sees when it lists its own.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(string ownerId)
    {
        var listed = await Service.ListAsync(Owner(ownerId), CancellationToken.None);
        listed.Succeeded.Should().BeTrue();
        return listed.Keys!;
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
