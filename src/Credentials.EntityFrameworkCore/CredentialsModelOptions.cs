using System.Text;

namespace Credentials.EntityFrameworkCore;

/// <summary>
/// Table and column names for the Credentials entities in the host's model, set through
/// <c>modelBuilder.ApplyCredentialsModel(options =&gt; ...)</c>. The defaults suit PostgreSQL and SQLite:
/// lower-case snake_case names that need no quoting.
/// </summary>
public sealed class CredentialsModelOptions
{
    /// <summary>The database schema of the tables; null (the default) uses the model's default schema.</summary>
    public string? Schema { get; set; }

    /// <summary>The API keys table; <c>credentials_api_keys</c> by default.</summary>
    public string ApiKeysTable { get; set; } = "credentials_api_keys";

    /// <summary>The web tokens table; <c>credentials_web_tokens</c> by default.</summary>
    public string WebTokensTable { get; set; } = "credentials_web_tokens";

    /// <summary>The managed JWT signing keys table; <c>credentials_signing_keys</c> by default.</summary>
    public string SigningKeysTable { get; set; } = "credentials_signing_keys";


    /// <summary>The login sessions table; <c>credentials_sessions</c> by default.</summary>
    public string SessionsTable { get; set; } = "credentials_sessions";

    /// <summary>The table of every refresh token hash a session has had (for reuse detection); <c>credentials_session_refresh_tokens</c> by default.</summary>
    public string SessionRefreshTokensTable { get; set; } = "credentials_session_refresh_tokens";

    /// <summary>
    /// Turns a property name of <c>ApiKey</c>, <c>WebToken</c>, <c>StoredSigningKey</c> or <c>Session</c> (for example <c>OwnerId</c>, <c>PreviousHashExpiresAt</c>)
    /// into its column name. The default is snake_case (<c>owner_id</c>); <c>name =&gt; name</c> keeps the property names.
    /// </summary>
    public Func<string, string> ColumnName { get; set; } = ToSnakeCase;

    private static string ToSnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
