namespace Credentials.ManyInstances.Tests.Infrastructure;

/// <summary>What carries invalidations between the instances.</summary>
public enum InvalidationTransport
{
    /// <summary>Redis pub/sub, which <c>AddRedis</c> registers.</summary>
    Redis,

    /// <summary>PostgreSQL <c>LISTEN/NOTIFY</c> (<c>AddPostgreSqlInvalidation</c> after <c>AddRedis</c>).</summary>
    PostgreSql,

    /// <summary>Nothing: each instance keeps the in-process default, as with every channel cut. No Redis at all.</summary>
    None,
}
