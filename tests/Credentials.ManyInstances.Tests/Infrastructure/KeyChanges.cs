using Credentials.ApiKeys;

namespace Credentials.ManyInstances.Tests.Infrastructure;

/// <summary>Makes a <see cref="KeyChange"/> through an instance's key service, and names the refusal that must follow.</summary>
internal static class KeyChanges
{
    public static async Task ApplyAsync(Instance instance, Guid uuid, KeyChange change)
    {
        switch (change)
        {
            case KeyChange.Deactivate:
                var deactivated = await instance.Keys.SetActiveAsync(uuid, isActive: false, Instance.Owner, CancellationToken.None);
                deactivated.Succeeded.Should().BeTrue(deactivated.ToString());
                break;
            case KeyChange.Roll:
                var rolled = await instance.Keys.RollAsync(uuid, TimeSpan.Zero, Instance.Owner, CancellationToken.None);
                rolled.Succeeded.Should().BeTrue(rolled.ToString());
                break;
            case KeyChange.Delete:
                var deleted = await instance.Keys.DeleteAsync(uuid, Instance.Owner, CancellationToken.None);
                deleted.Succeeded.Should().BeTrue(deleted.ToString());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }

    /// <summary>Why the old key is refused after the change: a roll without grace drops the old hash, as a delete does.</summary>
    public static ApiKeyVerificationFailure RefusalAfter(KeyChange change) =>
        change == KeyChange.Deactivate ? ApiKeyVerificationFailure.Inactive : ApiKeyVerificationFailure.Unknown;
}
