namespace Credentials.Login;

/// <summary>
/// The default <see cref="ILoginFailureCounter"/>: counts in process memory, so each instance of a host has budgets of
/// its own and a restart forgets them. Memory is bounded whatever is sent: usernames and addresses are counted in
/// separate tables of at most a fixed number of keys each, and a full table forgets the key whose window started first.
/// </summary>
public sealed class InMemoryLoginFailureCounter : ILoginFailureCounter
{
    /// <summary>10,000: the default number of keys per table. At about 200 bytes a key, both tables hold about 4 MB.</summary>
    public const int DefaultMaxKeys = 10_000;

    private readonly LoginFailureWindows _byUsername;
    private readonly LoginFailureWindows _byAddress;

    /// <summary>Creates a counter holding at most <see cref="DefaultMaxKeys"/> usernames and as many addresses.</summary>
    /// <param name="time">The clock windows are measured by.</param>
    public InMemoryLoginFailureCounter(TimeProvider time)
        : this(DefaultMaxKeys, time)
    {
    }

    /// <summary>Creates a counter holding at most <paramref name="maxKeys"/> usernames and as many addresses.</summary>
    /// <param name="maxKeys">The most keys each table holds; at least 1.</param>
    /// <param name="time">The clock windows are measured by.</param>
    public InMemoryLoginFailureCounter(int maxKeys, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxKeys, 1);
        ArgumentNullException.ThrowIfNull(time);
        _byUsername = new LoginFailureWindows(maxKeys, time);
        _byAddress = new LoginFailureWindows(maxKeys, time);
    }

    /// <inheritdoc />
    public ValueTask<LoginFailureCounts> ReadAsync(LoginFailureKeys keys, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new LoginFailureCounts(_byUsername.Read(keys.Username), _byAddress.Read(keys.Address)));

    /// <inheritdoc />
    public ValueTask<LoginFailureCounts> RecordFailureAsync(LoginFailureKeys keys, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        return ValueTask.FromResult(new LoginFailureCounts(
            _byUsername.RecordFailure(keys.Username, window), _byAddress.RecordFailure(keys.Address, window)));
    }
}
