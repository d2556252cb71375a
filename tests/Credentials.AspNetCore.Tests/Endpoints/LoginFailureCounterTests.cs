using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Credentials.AspNetCore.Endpoints;
using Credentials.AspNetCore.Tests.Infrastructure;
using Credentials.Login;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.AspNetCore.Tests.Endpoints;

/// <summary>The login throttle keeps its counts in whatever <see cref="ILoginFailureCounter"/> is registered.</summary>
public sealed class LoginFailureCounterTests
{
    [Fact]
    public async Task AddAspNetCore_NoCounterRegistered_CountsInProcess()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddCredentials().AddAspNetCore();
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ILoginFailureCounter>().Should().BeSameAs(provider.GetRequiredService<InMemoryLoginFailureCounter>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddAspNetCore_HostsOwnCounter_WinsBeforeOrAfter(bool hostFirst)
    {
        var counter = new RecordingCounter();
        var services = new ServiceCollection().AddLogging();
        if (hostFirst)
        {
            services.AddSingleton<ILoginFailureCounter>(counter);
        }

        services.AddCredentials().AddAspNetCore();
        if (!hostFirst)
        {
            services.AddSingleton<ILoginFailureCounter>(counter);
        }

        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<ILoginFailureCounter>().Should().BeSameAs(counter);
    }

    [Fact]
    public async Task Login_CounterSaysUsernameBudgetSpent_Answers429WithItsRetryAfterUnchecked()
    {
        var counter = new RecordingCounter { Counts = new(new LoginFailureCount(5, TimeSpan.FromSeconds(42)), default) };
        using var host = Host(counter);

        using var response = await AttemptAsync(host, "alice", "alice-password");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "five failures spend the default budget of five");
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(42));
        counter.Recorded.Should().BeEmpty();
    }

    [Fact]
    public async Task Login_CounterUnderBudget_ChecksThePassword()
    {
        var counter = new RecordingCounter { Counts = new(new LoginFailureCount(4, TimeSpan.FromSeconds(42)), new LoginFailureCount(19, TimeSpan.FromSeconds(42))) };
        using var host = Host(counter);

        using var response = await AttemptAsync(host, "alice", "alice-password");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        counter.Recorded.Should().BeEmpty("a success spends no budget");
    }

    [Fact]
    public async Task Login_WrongPassword_RecordsOneFailureUnderFixedSizeKeysWithTheConfiguredWindow()
    {
        var counter = new RecordingCounter();
        using var host = Host(counter, o => o.LoginThrottle.Window = TimeSpan.FromMinutes(7));

        using var response = await AttemptAsync(host, "alice", "wrong");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var (keys, window) = counter.Recorded.Should().ContainSingle().Subject;
        window.Should().Be(TimeSpan.FromMinutes(7));
        keys.Address.Should().Be("10.0.0.7");
        keys.Username.Should().HaveLength(24).And.NotContainEquivalentOf("alice");
    }

    private static SampleHost Host(RecordingCounter counter, Action<CredentialsEndpointOptions>? configure = null) => new()
    {
        ConfigureServices = services =>
        {
            services.AddSingleton<ILoginFailureCounter>(counter);
            services.Configure<CredentialsEndpointOptions>(o => configure?.Invoke(o));
        },
    };

    private static async Task<HttpResponseMessage> AttemptAsync(SampleHost host, string username, string password)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = JsonContent.Create(new { username, password }) };
        request.Headers.Add(SampleHost.ClientAddressHeader, "10.0.0.7");
        return await client.SendAsync(request);
    }

    /// <summary>Answers every read with <see cref="Counts"/> and remembers what it was asked to record.</summary>
    private sealed class RecordingCounter : ILoginFailureCounter
    {
        public LoginFailureCounts Counts { get; init; }

        public ConcurrentQueue<(LoginFailureKeys Keys, TimeSpan Window)> Recorded { get; } = new();

        public ValueTask<LoginFailureCounts> ReadAsync(LoginFailureKeys keys, CancellationToken cancellationToken) => ValueTask.FromResult(Counts);

        public ValueTask<LoginFailureCounts> RecordFailureAsync(LoginFailureKeys keys, TimeSpan window, CancellationToken cancellationToken)
        {
            Recorded.Enqueue((keys, window));
            return ValueTask.FromResult(Counts);
        }
    }
}
