using System.Diagnostics;
using Credentials.AspNetCore.Identity.Tests.Infrastructure;
using Credentials.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.AspNetCore.Identity.Tests.Users;

/// <summary>
/// An unknown user, a wrong password and a locked-out user cost the same: each runs the host's Identity hasher once,
/// at its configured iterations. Counted in hasher work, as the core's own timing tests count KDF work, and then timed
/// through the authenticator over interleaved samples (medians), with the database steps each path takes.
/// </summary>
public sealed class LoginTimingTests : IAsyncLifetime
{
    private const int Samples = 15;
    private const string WrongPassword = "Wrong-password-1";

    private readonly CountingPasswordHasher _hasher = new(new PasswordHasher<IdentityUser>(
        Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 10_000 })));

    private IdentityHost _host = null!;

    public async Task InitializeAsync() => _host = await IdentityHost.StartAsync(
        identity: o => o.Lockout.MaxFailedAccessAttempts = 1_000,
        services: s => s.AddSingleton<IPasswordHasher<IdentityUser>>(_hasher));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AuthenticateAsync_UnknownUserWrongPasswordAndLockedOut_EachVerifyOneHashAtTheConfiguredCost()
    {
        await _host.CreateUserAsync("alice");
        await _host.CreateUserAsync("locked", configure: (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        await WorkOfAsync("nobody", WrongPassword); // the first miss also makes the dummy hash

        var unknown = await WorkOfAsync("nobody", WrongPassword);
        var wrong = await WorkOfAsync("alice", WrongPassword);
        var locked = await WorkOfAsync("locked", IdentityHost.Password);

        unknown.Should().Be(10_000);
        wrong.Should().Be(unknown);
        locked.Should().Be(unknown);
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownUserAgainstWrongPassword_MedianTimesWithinHalfAndTwice()
    {
        await _host.CreateUserAsync("alice");
        await TimeAsync("nobody");
        await TimeAsync("alice");

        var unknown = new List<double>();
        var wrong = new List<double>();
        for (var sample = 0; sample < Samples; sample++)
        {
            unknown.Add(await TimeAsync("nobody"));
            wrong.Add(await TimeAsync("alice"));
        }

        var ratio = Median(wrong) / Median(unknown);
        ratio.Should().BeInRange(0.5, 2.0, $"a wrong password took {Median(wrong):F2} ms and an unknown user {Median(unknown):F2} ms (medians of {Samples})");
    }

    private async Task<long> WorkOfAsync(string username, string password)
    {
        var start = _hasher.Iterations;
        (await AuthenticateAsync(username, password)).Succeeded.Should().BeFalse();
        return _hasher.Iterations - start;
    }

    private async Task<double> TimeAsync(string username)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await AuthenticateAsync(username, WrongPassword);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        result.Failure.Should().Be(UserAuthenticationFailure.InvalidCredentials);
        return elapsed;
    }

    private async Task<UserAuthenticationResult> AuthenticateAsync(string username, string password)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IUserAuthenticator>().AuthenticateAsync(username, password, CancellationToken.None);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
