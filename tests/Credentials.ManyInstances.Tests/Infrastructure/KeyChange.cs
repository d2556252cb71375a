namespace Credentials.ManyInstances.Tests.Infrastructure;

/// <summary>A change on instance A after which the key must be refused on B.</summary>
public enum KeyChange
{
    /// <summary><c>SetActiveAsync(uuid, false)</c>: refused as <c>Inactive</c>.</summary>
    Deactivate,

    /// <summary><c>RollAsync(uuid, grace 0)</c>: the old secret refused as <c>Unknown</c>.</summary>
    Roll,

    /// <summary><c>DeleteAsync(uuid)</c>: refused as <c>Unknown</c>.</summary>
    Delete,
}
