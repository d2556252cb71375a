using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Credentials.AspNetCore.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.Tests.Login;

/// <summary>
/// One instance of a web host in memory: its own service provider, its own Redis connection and <c>MapLogin()</c>, as
/// a host would write them with <c>AddAspNetCore().AddRedis(...)</c>. Every user is unknown, so every login fails and
/// spends budget (an unknown user costs a password check like a wrong password). <see cref="ClientAddressHeader"/> sets
/// the client address a request comes from (the test server has none).
/// </summary>
internal sealed class LoginHost : IAsyncDisposable
{
    private const string ClientAddressHeader = "X-Test-Client-Address";

    private readonly ConnectionMultiplexer _multiplexer;
    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private LoginHost(ConnectionMultiplexer multiplexer, WebApplication app, EventLog events)
    {
        _multiplexer = multiplexer;
        _app = app;
        _client = app.GetTestClient();
        Events = events;
    }

    /// <summary>The event ids the host logged at Information or above.</summary>
    public EventLog Events { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts an instance on <paramref name="connectionString"/> with the given budgets and key prefix.</summary>
    public static async Task<LoginHost> StartAsync(
        string connectionString, string keyPrefix, Action<LoginThrottleOptions> throttle, TimeProvider? clock = null)
    {
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(connectionString + ",abortConnect=false");
        var events = new EventLog();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(events);
        builder.Services.AddSingleton(clock ?? TimeProvider.System);
        builder.Services.AddCredentials(options =>
            {
                options.Jwt.Issuer = "redis-login-tests";
                options.Jwt.Audience = "redis-login-tests";
                options.Jwt.UseDevelopmentSigningKey = true;
                options.Passwords.Iterations = Credentials.Users.PasswordHashingOptions.MinimumIterations;
            })
            .AddAspNetCore()
            .AddRedis(_ => multiplexer, options => options.KeyPrefix = keyPrefix);
        builder.Services.Configure<CredentialsEndpointOptions>(options => throttle(options.LoginThrottle));
        var app = builder.Build();
        app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue(ClientAddressHeader, out var address))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
            }

            return next(context);
        });
        app.MapLogin();
        await app.StartAsync();
        return new LoginHost(multiplexer, app, events);
    }

    /// <summary>Posts a login for <paramref name="username"/> (a wrong password) from <paramref name="address"/>.</summary>
    public async Task<HttpResponseMessage> LoginAsync(string username, string address = "10.0.0.1")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login")
        {
            Content = JsonContent.Create(new { username, password = "wrong-password" }),
        };
        request.Headers.Add(ClientAddressHeader, address);
        return await _client.SendAsync(request);
    }

    /// <summary>The status of a login, for a test that needs only that.</summary>
    public async Task<HttpStatusCode> LoginStatusAsync(string username, string address = "10.0.0.1")
    {
        using var response = await LoginAsync(username, address);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _multiplexer.DisposeAsync();
    }

    /// <summary>Captures event ids; a logger provider of the host's own.</summary>
    internal sealed class EventLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<int> _ids = new();

        public IReadOnlyCollection<int> Ids => _ids;

        public ILogger CreateLogger(string categoryName) => new Logger(_ids);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<int> ids) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    ids.Enqueue(eventId.Id);
                }
            }
        }
    }
}
