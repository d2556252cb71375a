using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Credentials.Login;

namespace Credentials.AspNetCore.Endpoints;

/// <summary>
/// Refuses logins once failures per username or per client address reach their budgets in a window. Only failures
/// count: a user who types the password right is never slowed. The counts are kept by the registered
/// <see cref="ILoginFailureCounter"/> (in process by default, in Redis to share them between instances). Because a
/// failure is only known after the password check, attempts for one username or from one address take turns (a
/// concurrency limiter of one, with a queue, from System.Threading.RateLimiting): otherwise a burst sent at once would
/// all pass the check before the first failure is counted.
/// </summary>
/// <remarks>
/// <para>
/// Turns are per process: they serialize the attempts one instance checks, not those of several instances sharing a
/// counter. With N instances at most N attempts per key are between their check and their count at once, so a burst may
/// check at most N - 1 passwords beyond a budget in one window; the count itself stays exact, and every attempt after
/// the burst is refused.
/// </para>
/// <para>
/// Memory is bounded whatever is sent: keys are of fixed size (a username is hashed, an address cut to its network),
/// the in-process counts hold at most <see cref="LoginThrottleOptions.MaxPartitions"/> keys each, and turns are taken
/// on a fixed number of stripes that keys hash to, so two keys may share a stripe and wait for each other, never add one.
/// </para>
/// </remarks>
internal sealed class LoginThrottle(LoginThrottleOptions settings, ILoginFailureCounter counter) : IDisposable
{
    /// <summary>Attempts that may wait for their turn per stripe; more answer 429 at once.</summary>
    private const int TurnQueueLimit = 32;

    /// <summary>Far more than the password checks a server runs at once, so unrelated logins rarely wait on each other.</summary>
    private const int TurnStripes = 1024;

    /// <summary>A username key keeps 128 bits of its SHA-256: unrelated usernames do not collide.</summary>
    private const int UsernameKeyBytes = 16;

    private readonly PartitionedRateLimiter<int> _turnsByUsername = CreateTurns();
    private readonly PartitionedRateLimiter<int> _turnsByAddress = CreateTurns();

    /// <summary>
    /// Waits until no other attempt on this username's or address's stripe is being checked; dispose the turn when the
    /// attempt is decided. Null when too many attempts are already waiting. Username turns are always taken before
    /// address turns, so two attempts never wait for each other. Turns are this process's only: another instance
    /// sharing the counter takes its own (see the remarks on the class for the bound that leaves).
    /// </summary>
    public async ValueTask<IDisposable?> TakeTurnAsync(LoginFailureKeys keys, CancellationToken cancellationToken)
    {
        var user = await _turnsByUsername.AcquireAsync(Stripe(keys.Username), 1, cancellationToken).ConfigureAwait(false);
        RateLimitLease? client = null;
        try
        {
            client = user.IsAcquired ? await _turnsByAddress.AcquireAsync(Stripe(keys.Address), 1, cancellationToken).ConfigureAwait(false) : null;
        }
        finally
        {
            if (client is not { IsAcquired: true })
            {
                client?.Dispose();
                user.Dispose();
            }
        }

        return client is { IsAcquired: true } ? new Turn(user, client) : null;
    }

    /// <summary>How long the caller must wait before another attempt, or null when it may try now.</summary>
    public async ValueTask<TimeSpan?> RetryAfterAsync(LoginFailureKeys keys, CancellationToken cancellationToken)
    {
        var counts = await counter.ReadAsync(keys, cancellationToken).ConfigureAwait(false);
        var user = Wait(counts.Username, settings.FailuresPerUsername);
        var client = Wait(counts.Address, settings.FailuresPerAddress);
        return user > client ? user : client ?? user; // the longer wait: a lifted > is false when either is null
    }

    /// <summary>Counts one failed attempt against the username and the address.</summary>
    public async ValueTask RecordFailureAsync(LoginFailureKeys keys, CancellationToken cancellationToken) =>
        await counter.RecordFailureAsync(keys, settings.Window, cancellationToken).ConfigureAwait(false);

    public void Dispose()
    {
        _turnsByUsername.Dispose();
        _turnsByAddress.Dispose();
    }

    /// <summary>
    /// The keys an attempt is counted under. Usernames differing only in case or surrounding spaces share one key (as
    /// they name one user); an IPv6 address counts as its /64, the block one subscriber is usually given, so an attacker
    /// cannot take a fresh budget from each of its 2^64 addresses.
    /// </summary>
    public static LoginFailureKeys Keys(string username, IPAddress? address) => new(UsernameKey(username), AddressKey(address));

    private static string UsernameKey(string username)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(username.Trim().ToUpperInvariant()));
        return Convert.ToBase64String(hash.AsSpan(0, UsernameKeyBytes));
    }

    private static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var network = new byte[16];
        address.GetAddressBytes().AsSpan(0, 8).CopyTo(network);
        return new IPAddress(network) + "/64";
    }

    private static TimeSpan? Wait(LoginFailureCount count, int budget) =>
        count.Failures >= budget && count.Remaining > TimeSpan.Zero ? count.Remaining : null;

    /// <summary>string.GetHashCode is seeded per process, so a client cannot aim many keys at one stripe.</summary>
    private static int Stripe(string key) => (int)((uint)key.GetHashCode() % TurnStripes);

    private static PartitionedRateLimiter<int> CreateTurns() =>
        PartitionedRateLimiter.Create<int, int>(stripe => RateLimitPartition.GetConcurrencyLimiter(stripe, _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = 1,
            QueueLimit = TurnQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));

    private sealed class Turn(RateLimitLease user, RateLimitLease client) : IDisposable
    {
        public void Dispose()
        {
            client.Dispose();
            user.Dispose();
        }
    }
}
