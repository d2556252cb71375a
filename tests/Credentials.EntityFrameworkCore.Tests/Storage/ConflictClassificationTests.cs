using Credentials.EntityFrameworkCore.Storage;
using Credentials.EntityFrameworkCore.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Credentials.EntityFrameworkCore.Tests.Storage;

/// <summary>Which database errors a replacement retries: conflicts another try can cure, and nothing else.</summary>
public sealed class ConflictClassificationTests
{
    [Theory]
    [InlineData("23505")]
    [InlineData("40001")]
    [InlineData("40P01")]
    public void IsConflict_PostgresConflictStates_True(string sqlState) =>
        CredentialsDatabase<HostDbContext>.IsConflict(new PostgresException("conflict", "ERROR", "ERROR", sqlState)).Should().BeTrue();

    [Theory]
    [InlineData("42P01")]
    [InlineData("28P01")]
    [InlineData("22001")]
    public void IsConflict_OtherPostgresStates_False(string sqlState) =>
        CredentialsDatabase<HostDbContext>.IsConflict(new PostgresException("fault", "ERROR", "ERROR", sqlState)).Should().BeFalse();

    [Theory]
    [InlineData(5, true)]
    [InlineData(6, true)]
    [InlineData(19, false)]
    [InlineData(1, false)]
    public void IsConflict_SqliteCodes_OnlyBusyAndLocked(int code, bool expected) =>
        CredentialsDatabase<HostDbContext>.IsConflict(new SqliteException("sqlite", code)).Should().Be(expected);

    [Fact]
    public void IsConflict_WrappedByEfCore_LooksThrough() =>
        CredentialsDatabase<HostDbContext>.IsConflict(
            new DbUpdateException("update", new PostgresException("conflict", "ERROR", "ERROR", "40001"))).Should().BeTrue();

    [Fact]
    public void IsConflict_NotADatabaseError_False() =>
        CredentialsDatabase<HostDbContext>.IsConflict(new InvalidOperationException("bug")).Should().BeFalse();
}
