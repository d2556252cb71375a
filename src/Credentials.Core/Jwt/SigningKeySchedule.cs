namespace Credentials.Jwt;

/// <summary>
/// The life of managed keys as a pure function of the stored keys and the time, so every instance that holds the same
/// keys reaches the same answer at the same instant with no coordination: the key that signs is the newest one whose
/// <see cref="StoredSigningKey.ActivatesAt"/> has come; the keys before it validate until their successor's activation
/// plus <c>Lifetime + ClockSkew</c> (the last token they signed has then expired), and are deleted then; the keys
/// after it are pending. A successor is due the propagation time before the signing key's rotation ends.
/// </summary>
/// <param name="propagation">How long a key is published before it signs.</param>
/// <param name="rotation">How long a key signs.</param>
/// <param name="retention">How long a key validates after it stopped signing: the token lifetime plus the clock skew.</param>
internal sealed class SigningKeySchedule(TimeSpan propagation, TimeSpan rotation, TimeSpan retention)
{
    /// <summary>
    /// The generation and activation instant of the key to make now, or null when none is due. The first key signs at
    /// once (there is nothing to propagate to yet); a successor signs when the current key's rotation ends, or the
    /// propagation time from now if it is made late (no instance ran when it was due).
    /// </summary>
    public (long Generation, DateTimeOffset ActivatesAt)? DueSuccessor(IReadOnlyList<StoredSigningKey> keys, DateTimeOffset now)
    {
        if (keys.Count == 0)
        {
            return (1, now);
        }

        var latest = keys[^1];
        var rotationEnds = latest.ActivatesAt + rotation;
        if (now < rotationEnds - propagation)
        {
            return null;
        }

        var activatesAt = now + propagation;
        return (latest.Generation + 1, rotationEnds > activatesAt ? rotationEnds : activatesAt);
    }

    /// <summary>When the key at <paramref name="index"/> stops validating: its successor's activation plus the retention; null while no successor signs.</summary>
    public DateTimeOffset? RetiresAt(IReadOnlyList<StoredSigningKey> keys, int index, DateTimeOffset now) =>
        index + 1 < keys.Count && keys[index + 1].ActivatesAt <= now ? keys[index + 1].ActivatesAt + retention : null;

    /// <summary>The keys whose every token has expired, to be deleted.</summary>
    public IEnumerable<StoredSigningKey> Expired(IReadOnlyList<StoredSigningKey> keys, DateTimeOffset now)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (RetiresAt(keys, i, now) <= now)
            {
                yield return keys[i];
            }
        }
    }

    /// <summary>Each key's state at <paramref name="now"/>, and the next instant a state changes by itself.</summary>
    public (JwtKeyState State, DateTimeOffset? RetiresAt)[] States(IReadOnlyList<StoredSigningKey> keys, DateTimeOffset now, out DateTimeOffset nextChange)
    {
        nextChange = DateTimeOffset.MaxValue;
        var states = new (JwtKeyState, DateTimeOffset?)[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].ActivatesAt > now)
            {
                states[i] = (JwtKeyState.Pending, null);
                nextChange = Earlier(nextChange, keys[i].ActivatesAt);
            }
            else if (RetiresAt(keys, i, now) is { } retiresAt)
            {
                // Retiring past its instant counts as retired (JwtKeyRing.StateAt), so its tokens read KeyRetired.
                states[i] = (JwtKeyState.Retiring, retiresAt);
                nextChange = retiresAt > now ? Earlier(nextChange, retiresAt) : nextChange;
            }
            else
            {
                states[i] = (JwtKeyState.Active, null);
            }
        }

        return states;
    }

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
