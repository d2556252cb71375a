namespace Credentials.ApiKeys;

/// <summary>
/// The permissions that govern API keys themselves. The two create permissions are the API-key creation API's; the two manage
/// permissions follow their pattern for listing, activating, deactivating, rolling and deleting keys. A permission
/// without <c>.own</c> implies its <c>.own</c> twin.
/// </summary>
public static class ApiKeyPermissions
{
    /// <summary>May create keys for any owner.</summary>
    public const string Create = "api.keys.create";

    /// <summary>May create keys only for itself: the owner is always the creator.</summary>
    public const string CreateOwn = "api.keys.create.own";

    /// <summary>
    /// May list, activate, deactivate, roll and delete keys of any owner (never a key that grants more than the caller).
    /// A user always manages its own keys; an API key needs this or <see cref="ManageOwn"/> to manage any.
    /// </summary>
    public const string Manage = "api.keys.manage";

    /// <summary>An API key carrying this may list and manage the keys of its own owner that grant no more than itself.</summary>
    public const string ManageOwn = "api.keys.manage.own";

    /// <summary>True when <paramref name="held"/> includes <paramref name="wanted"/>, directly or through the permission that implies it.</summary>
    /// <param name="held">The permissions a caller holds.</param>
    /// <param name="wanted">The permission asked for.</param>
    public static bool Covers(IEnumerable<string> held, string wanted)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(wanted);
        var implied = wanted switch
        {
            CreateOwn => Create,
            ManageOwn => Manage,
            _ => null,
        };
        if (held is IReadOnlyList<string> list)
        {
            // Indexed: the interface enumerator would allocate on every verification (the owner ceiling's hot path).
            for (var i = 0; i < list.Count; i++)
            {
                if (Grants(list[i], wanted, implied))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var permission in held)
        {
            if (Grants(permission, wanted, implied))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Grants(string held, string wanted, string? implied) =>
        string.Equals(held, wanted, StringComparison.Ordinal) || (implied is not null && string.Equals(held, implied, StringComparison.Ordinal));

    /// <summary>True when <paramref name="held"/> covers every permission of <paramref name="wanted"/>; allocates nothing.</summary>
    internal static bool CoversAll(IReadOnlyList<string> held, IReadOnlyList<string> wanted)
    {
        for (var i = 0; i < wanted.Count; i++)
        {
            if (!Covers(held, wanted[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The permissions of <paramref name="wanted"/> that <paramref name="held"/> does not cover, in order; empty when all are covered.</summary>
    /// <param name="held">The permissions a caller holds.</param>
    /// <param name="wanted">The permissions asked for.</param>
    public static IReadOnlyList<string> Uncovered(IEnumerable<string> held, IEnumerable<string> wanted)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(wanted);
        var heldList = held as IReadOnlyCollection<string> ?? held.ToList();
        return wanted.Where(w => !Covers(heldList, w)).Distinct(StringComparer.Ordinal).ToList();
    }
}
