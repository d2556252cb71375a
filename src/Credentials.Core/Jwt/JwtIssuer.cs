using Credentials.Diagnostics;
using Credentials.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.Jwt;

/// <summary>Builds the claims and lets IdentityModel's <see cref="JsonWebTokenHandler"/> encode and sign them.</summary>
internal sealed class JwtIssuer : IJwtIssuer
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly JwtKeyRing _ring;
    private readonly ISecretRandom _random;
    private readonly CredentialsMetrics _metrics;
    private readonly ILogger _logger;
    private readonly string _issuer;
    private readonly string _audience;
    private readonly TimeSpan _lifetime;

    public JwtIssuer(IOptions<CredentialsOptions> options, JwtKeyRing ring, ISecretRandom random, CredentialsMetrics metrics, ILogger<JwtIssuer>? logger = null)
    {
        var jwt = options.Value.Jwt;
        _issuer = jwt.Issuer ?? string.Empty;
        _audience = jwt.Audience ?? string.Empty;
        _lifetime = jwt.Lifetime;
        _ring = ring;
        _random = random;
        _metrics = metrics;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>False when the host set none of <c>Credentials:Jwt</c>: <see cref="Issue"/> would throw, so login refuses first.</summary>
    public bool IsConfigured => _ring.IsConfigured;

    public IssuedJwt Issue(JwtSubject subject)
    {
        using var activity = CredentialsTracing.Start("credentials.issue", CredentialKind.Jwt);
        ArgumentNullException.ThrowIfNull(subject);
        var active = _ring.Current.Active ?? throw new InvalidOperationException(_ring.ActiveKeyMissingMessage);

        // NumericDate has whole seconds; truncating here makes ExpiresAt exactly the token's exp.
        var now = _ring.Time.GetUtcNow();
        now = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond));
        var expiresAt = now + _lifetime;
        if (subject.ExpiresAt is { } requested && requested < expiresAt)
        {
            // Whole seconds as well, and never before the token is issued.
            expiresAt = requested.AddTicks(-(requested.UtcTicks % TimeSpan.TicksPerSecond));
            expiresAt = expiresAt > now ? expiresAt : now.AddSeconds(1);
        }

        var tokenId = NewTokenId();

        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = subject.Id,
            [JwtRegisteredClaimNames.Name] = subject.Name,
            [JwtRegisteredClaimNames.Jti] = tokenId,
            ["permissions"] = subject.Permissions.ToArray(),
        };
        if (subject.Email is not null)
        {
            claims[JwtRegisteredClaimNames.Email] = subject.Email;
        }

        if (subject.SessionId is not null)
        {
            claims[JwtRegisteredClaimNames.Sid] = subject.SessionId;
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _issuer,
            Audience = _audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            TokenType = "JWT",
            Claims = claims,
            SigningCredentials = active.Key.SigningCredentials,
        });

        _metrics.Issued(CredentialKind.Jwt);
        JwtLog.TokenIssued(_logger, tokenId, active.Key.KeyId);
        return new IssuedJwt(token, expiresAt, active.Key.KeyId, tokenId);
    }

    /// <summary>128 random bits as 32 hex digits: unique without coordination between instances.</summary>
    private string NewTokenId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.Fill(bytes);
        Span<char> text = stackalloc char[32];
        SecretEncoding.WriteLowerHex(bytes, text);
        return new string(text);
    }
}
