namespace Credentials.ManyInstances.Tests.Infrastructure;

/// <summary>Where the instances keep web tokens; API keys are always in the EF Core store on PostgreSQL.</summary>
public enum WebTokenStorage
{
    /// <summary>The Redis store (<c>AddRedis</c> after <c>AddEntityFrameworkStores</c>).</summary>
    Redis,

    /// <summary>The EF Core store on PostgreSQL (<c>AddEntityFrameworkStores</c> after <c>AddRedis</c>).</summary>
    EntityFramework,
}
