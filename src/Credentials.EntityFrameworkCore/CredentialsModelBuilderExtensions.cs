using Credentials.EntityFrameworkCore;
using Credentials.EntityFrameworkCore.Storage;
using Credentials.Secrets;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

// Beside EF Core's own ModelBuilder extensions, so OnModelCreating finds it without a using.
#pragma warning disable IDE0130
namespace Microsoft.EntityFrameworkCore;
#pragma warning restore IDE0130

/// <summary>Maps the Credentials tables into a host's <see cref="DbContext"/> model.</summary>
public static class CredentialsModelBuilderExtensions
{
    /// <summary>The longest owner id, subject, key name and prefix a row holds; the services accept no longer ones.</summary>
    internal const int TextLength = 255;

    /// <summary>The longest key hint: room for more than today's four characters.</summary>
    internal const int HintLength = 16;

    /// <summary>The longest pepper id.</summary>
    internal const int PepperIdLength = 64;

    /// <summary>The longest <c>kid</c>: a base64url SHA-256 thumbprint is 43 characters.</summary>
    internal const int KeyIdLength = 64;

    /// <summary>The longest JWS algorithm name.</summary>
    internal const int AlgorithmLength = 16;

    // Instants are stored as UTC ticks (bigint): exact to 100 ns on every provider, and ordered in SQL even on SQLite,
    // which cannot compare DateTimeOffset values.
    private static readonly ValueConverter<DateTimeOffset, long> UtcTicks =
        new(value => value.UtcTicks, ticks => new DateTimeOffset(ticks, TimeSpan.Zero));

    /// <summary>
    /// Maps the API key, web token, signing key, session and session refresh token tables (columns, types, lengths, keys and unique indexes) into the host's model,
    /// so the host's migrations create them. Call it from <c>OnModelCreating</c> of the context passed to
    /// <c>AddEntityFrameworkStores&lt;TContext&gt;()</c>.
    /// </summary>
    /// <param name="modelBuilder">The host context's model builder.</param>
    /// <param name="configure">Optional table, schema and column names.</param>
    /// <returns>The same model builder.</returns>
    public static ModelBuilder ApplyCredentialsModel(this ModelBuilder modelBuilder, Action<CredentialsModelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var options = new CredentialsModelOptions();
        configure?.Invoke(options);

        modelBuilder.Entity<ApiKeyRow>(keys => MapApiKeys(keys, options));
        modelBuilder.Entity<WebTokenRow>(tokens => MapWebTokens(tokens, options));
        modelBuilder.Entity<SigningKeyRow>(keys => MapSigningKeys(keys, options));
        modelBuilder.Entity<SessionRow>(sessions => MapSessions(sessions, options));
        modelBuilder.Entity<SessionRefreshTokenRow>(tokens => MapSessionRefreshTokens(tokens, options));
        return modelBuilder;
    }

    private static void MapApiKeys(EntityTypeBuilder<ApiKeyRow> keys, CredentialsModelOptions options)
    {
        keys.ToTable(options.ApiKeysTable, options.Schema);
        keys.HasKey(k => k.Id);
        keys.Property(k => k.Id).ValueGeneratedOnAdd();
        keys.Property(k => k.Name).HasMaxLength(TextLength);
        keys.Property(k => k.Prefix).HasMaxLength(TextLength);
        keys.Property(k => k.Hint).HasMaxLength(HintLength);
        keys.Property(k => k.OwnerId).HasMaxLength(TextLength);
        keys.Property(k => k.Hash).HasMaxLength(SecretHash.Length).IsFixedLength();
        keys.Property(k => k.PreviousHash).HasMaxLength(SecretHash.Length).IsFixedLength();
        keys.Property(k => k.PepperId).HasMaxLength(PepperIdLength);
        keys.Property(k => k.PreviousPepperId).HasMaxLength(PepperIdLength);
        keys.Property(k => k.CreatedAt).HasConversion(UtcTicks);
        keys.Property(k => k.ExpiresAt).HasConversion(UtcTicks);
        keys.Property(k => k.LastUsedAt).HasConversion(UtcTicks);
        keys.Property(k => k.PreviousHashExpiresAt).HasConversion(UtcTicks);

        keys.HasIndex(k => k.Hash).IsUnique();
        keys.HasIndex(k => k.PreviousHash).IsUnique();
        keys.HasIndex(k => k.Uuid).IsUnique();
        keys.HasIndex(k => k.OwnerId);

        NameColumns(keys, options);
    }

    private static void MapWebTokens(EntityTypeBuilder<WebTokenRow> tokens, CredentialsModelOptions options)
    {
        tokens.ToTable(options.WebTokensTable, options.Schema);

        // The subject is the key: the database itself holds a subject to one row, whichever process writes.
        tokens.HasKey(t => t.Subject);
        tokens.Property(t => t.Subject).HasMaxLength(TextLength).ValueGeneratedNever();
        tokens.Property(t => t.Hash).HasMaxLength(SecretHash.Length).IsFixedLength();
        tokens.Property(t => t.PepperId).HasMaxLength(PepperIdLength);
        tokens.Property(t => t.IssuedAt).HasConversion(UtcTicks);
        tokens.Property(t => t.ExpiresAt).HasConversion(UtcTicks);

        tokens.HasIndex(t => t.Hash).IsUnique();
        tokens.HasIndex(t => t.ExpiresAt);

        NameColumns(tokens, options);
    }

    private static void MapSigningKeys(EntityTypeBuilder<SigningKeyRow> keys, CredentialsModelOptions options)
    {
        keys.ToTable(options.SigningKeysTable, options.Schema);

        // The generation is the key: the database lets one instance's key into each generation.
        keys.HasKey(k => k.Generation);
        keys.Property(k => k.Generation).ValueGeneratedNever();
        keys.Property(k => k.KeyId).HasMaxLength(KeyIdLength);
        keys.Property(k => k.Algorithm).HasMaxLength(AlgorithmLength);
        keys.Property(k => k.CreatedAt).HasConversion(UtcTicks);
        keys.Property(k => k.ActivatesAt).HasConversion(UtcTicks);

        keys.HasIndex(k => k.KeyId).IsUnique();

        NameColumns(keys, options);
    }

    private static void MapSessions(EntityTypeBuilder<SessionRow> sessions, CredentialsModelOptions options)
    {
        sessions.ToTable(options.SessionsTable, options.Schema);
        sessions.HasKey(s => s.Id);
        sessions.Property(s => s.Id).HasMaxLength(Credentials.Sessions.Session.MaxIdLength).ValueGeneratedNever();
        sessions.Property(s => s.UserId).HasMaxLength(TextLength);
        sessions.Property(s => s.RefreshTokenHash).HasMaxLength(SecretHash.Length).IsFixedLength();
        sessions.Property(s => s.RefreshTokenPepperId).HasMaxLength(PepperIdLength);
        sessions.Property(s => s.SecurityStampHash).HasMaxLength(SecretHash.Length).IsFixedLength();
        sessions.Property(s => s.CreatedAt).HasConversion(UtcTicks);
        sessions.Property(s => s.ExpiresAt).HasConversion(UtcTicks);
        sessions.Property(s => s.EndedAt).HasConversion(UtcTicks);

        sessions.HasIndex(s => s.UserId);
        sessions.HasIndex(s => s.ExpiresAt);

        NameColumns(sessions, options);
    }

    private static void MapSessionRefreshTokens(EntityTypeBuilder<SessionRefreshTokenRow> tokens, CredentialsModelOptions options)
    {
        tokens.ToTable(options.SessionRefreshTokensTable, options.Schema);

        // Every hash a session ever had, current or spent: the hash is the key, so a lookup is one index probe.
        tokens.HasKey(t => t.Hash);
        tokens.Property(t => t.Hash).HasMaxLength(SecretHash.Length).IsFixedLength().ValueGeneratedNever();
        tokens.Property(t => t.SessionId).HasMaxLength(Credentials.Sessions.Session.MaxIdLength);
        tokens.Property(t => t.ExpiresAt).HasConversion(UtcTicks);

        tokens.HasIndex(t => t.ExpiresAt);

        NameColumns(tokens, options);
    }

    private static void NameColumns<TRow>(EntityTypeBuilder<TRow> rows, CredentialsModelOptions options)
        where TRow : class
    {
        foreach (var property in rows.Metadata.GetDeclaredProperties())
        {
            rows.Property(property.Name).HasColumnName(options.ColumnName(property.Name));
        }
    }
}
