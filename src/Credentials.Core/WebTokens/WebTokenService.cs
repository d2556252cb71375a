using System.Security.Cryptography;
using Credentials.Diagnostics;
using Credentials.Secrets;
using Credentials.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Credentials.WebTokens;

/// <summary>
/// The default <see cref="IWebTokenService"/>. It decides (shape, expiry); the store only persists and finds, and
/// its atomic replacement is what keeps one token per subject.
/// </summary>
internal sealed class WebTokenService : IWebTokenService
{
    private readonly IWebTokenStore _store;
    private readonly SecretHasher _hasher;
    private readonly ISecretRandom _random;
    private readonly TimeProvider _time;
    private readonly CredentialsMetrics _metrics;
    private readonly ILogger _logger;
    private readonly int _tokenBytes;
    private readonly TimeSpan _lifetime;
    private readonly int _maxSubjectLength;

    public WebTokenService(
        IWebTokenStore store,
        SecretHasher hasher,
        ISecretRandom random,
        TimeProvider time,
        IOptions<CredentialsOptions> options,
        CredentialsMetrics metrics,
        ILogger<WebTokenService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _hasher = hasher;
        _random = random;
        _time = time;
        _metrics = metrics;
        _logger = logger ?? NullLogger<WebTokenService>.Instance;
        var settings = options.Value.WebTokens;
        _tokenBytes = settings.TokenBytes;
        _lifetime = settings.Lifetime;
        _maxSubjectLength = settings.MaxSubjectLength;
    }

    public async ValueTask<IssuedWebToken> IssueAsync(string subject, CancellationToken cancellationToken)
    {
        using var activity = CredentialsTracing.Start("credentials.issue", CredentialKind.WebToken);
        EnsureValidSubject(subject);
        var token = NewToken();
        var now = _time.GetUtcNow();
        var record = new WebToken
        {
            Subject = subject,
            Hash = _hasher.Hash(token),
            PepperId = _hasher.CurrentPepperId,
            IssuedAt = now,
            ExpiresAt = now + _lifetime,
        };

        await _store.ReplaceAsync(record, cancellationToken).ConfigureAwait(false);
        _metrics.Issued(CredentialKind.WebToken);
        WebTokenLog.Issued(_logger, subject, record.ExpiresAt);
        return new IssuedWebToken(token, record.ExpiresAt);
    }

    public async ValueTask<WebTokenValidationResult> ValidateAsync(string? token, CancellationToken cancellationToken)
    {
        using var activity = CredentialsTracing.Start("credentials.verify", CredentialKind.WebToken);
        if (token is null || token.Length != _tokenBytes * 2 || !SecretEncoding.IsLowerHex(token))
        {
            return Reject(WebTokenValidationFailure.Malformed);
        }

        // The store finds a subject's current token by hash; the hasher's loop confirms the pepper that made the hash.
        var match = await _hasher.FindAsync(
            token,
            _store,
            static (store, hash, ct) => store.FindByHashAsync(hash, ct),
            static (record, hash, pepperId) => record.Hash == hash && record.PepperId == pepperId,
            cancellationToken).ConfigureAwait(false);
        if (match is { Record: var record })
        {
            if (_time.GetUtcNow() >= record.ExpiresAt)
            {
                return Reject(WebTokenValidationFailure.Expired);
            }

            _metrics.Verified(CredentialKind.WebToken);
            return WebTokenValidationResult.Success(record.Subject, record.ExpiresAt);
        }

        return Reject(WebTokenValidationFailure.Unknown);
    }

    public async ValueTask<bool> RevokeAsync(string subject, CancellationToken cancellationToken)
    {
        EnsureValidSubject(subject);
        var revoked = await _store.RevokeAsync(subject, cancellationToken).ConfigureAwait(false);
        if (revoked)
        {
            WebTokenLog.Revoked(_logger, subject);
        }

        return revoked;
    }

    private string NewToken()
    {
        Span<byte> bytes = stackalloc byte[WebTokenOptions.MaximumTokenBytes];
        Span<char> text = stackalloc char[WebTokenOptions.MaximumTokenBytes * 2];
        bytes = bytes[.._tokenBytes];
        text = text[..(_tokenBytes * 2)];
        try
        {
            _random.Fill(bytes);
            SecretEncoding.WriteLowerHex(bytes, text);
            return new string(text);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(text));
        }
    }

    private WebTokenValidationResult Reject(WebTokenValidationFailure failure)
    {
        var reason = CredentialTags.Of(failure);
        _metrics.Rejected(CredentialKind.WebToken, reason);
        WebTokenLog.Rejected(_logger, reason);
        return WebTokenValidationResult.Failed(failure);
    }

    private void EnsureValidSubject(string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        if (subject.Length > _maxSubjectLength)
        {
            throw new ArgumentException($"A subject is at most {_maxSubjectLength} characters (Credentials:WebTokens:MaxSubjectLength).", nameof(subject));
        }

        if (!UnicodeText.IsPrintable(subject))
        {
            throw new ArgumentException("A subject may not hold control characters or unpaired surrogates.", nameof(subject));
        }
    }
}
