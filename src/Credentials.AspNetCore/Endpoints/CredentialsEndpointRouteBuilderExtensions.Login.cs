using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Credentials.AspNetCore.Endpoints;
using Credentials.Diagnostics;
using Credentials.AspNetCore.Endpoints.Bodies;
using Credentials.Login;
using Credentials.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // Endpoint mapping lives where hosts already look for it.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

public static partial class CredentialsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps password login (the authentication API): <c>POST {"username", "password"}</c> answers
    /// <c>{"username", "token"}</c> with a JWT (and <c>"refresh_token"</c> when refresh tokens are on), 401 for a wrong
    /// password (an unknown user or a locked-out one alike), 403 with <c>"error": "two_factor_required"</c> or
    /// <c>"confirmation_required"</c> when the password is right but the user may not log in with it alone, 429 once
    /// the failed-login throttle trips. Anonymous. Each login opens a session (the JWT's <c>sid</c>);
    /// <see cref="MapSessions"/> maps logout and refresh.
    /// </summary>
    /// <param name="endpoints">The host's routes (the app, or a group of its own).</param>
    /// <param name="pattern">The route; <c>/auth/login</c> by default.</param>
    /// <returns>The endpoint's builder.</returns>
    public static RouteHandlerBuilder MapLogin(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/auth/login")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPost(pattern, LoginAsync).AllowAnonymous()
            .Documented(EndpointDocumentation.LoginTag, "Log in with a username and password: a JWT (and a refresh token when they are on)")
            .AcceptsJson<LoginRequestBody>()
            .ProducesTokens()
            .ProducesMessage(StatusCodes.Status401Unauthorized)
            .ProducesMessageAndError(StatusCodes.Status403Forbidden)
            .ProducesMessage(StatusCodes.Status429TooManyRequests)
            .ProducesMessage(StatusCodes.Status501NotImplemented);
    }

    private static async Task<IResult> LoginAsync(
        HttpContext context,
        ILoginService login,
        LoginThrottle throttle,
        IOptions<CredentialsEndpointOptions> options,
        IOptions<Credentials.CredentialsOptions> credentials)
    {
        var cancellationToken = context.RequestAborted;
        var (document, error) = await JsonBody.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return error!;
        }

        using (document)
        {
            var errors = new FieldErrors();
            var username = RequiredString(document.RootElement, "username", errors);
            var password = RequiredString(document.RootElement, "password", errors);
            if (username is null || password is null)
            {
                return ApiErrorResults.Invalid(errors);
            }

            // Refused before the throttle, so an oversized value never takes a turn nor reaches the password check.
            var maxPasswordLength = credentials.Value.Passwords.MaxPasswordLength;
            if (username.AsSpan().Trim().Length > InMemoryUserAuthenticator.MaxUsernameLength)
            {
                errors.Add("username", $"The username field must be at most {InMemoryUserAuthenticator.MaxUsernameLength} characters.");
            }

            if (password.Length > maxPasswordLength)
            {
                errors.Add("password", $"The password field must be at most {maxPasswordLength} characters.");
            }

            if (errors.Count > 0)
            {
                return ApiErrorResults.Invalid(errors);
            }

            var keys = LoginThrottle.Keys(username, context.Connection.RemoteIpAddress);
            using var turn = await throttle.TakeTurnAsync(keys, cancellationToken).ConfigureAwait(false);
            if (turn is null)
            {
                return TooManyAttempts(context, TimeSpan.FromSeconds(1));
            }

            if (await throttle.RetryAfterAsync(keys, cancellationToken).ConfigureAwait(false) is { } wait)
            {
                return TooManyAttempts(context, wait);
            }

            var result = await login.LoginAsync(username, password, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                // The body stays {username, token} unless the host turned refresh tokens on.
                return result.RefreshToken is null
                    ? Results.Json(new { username = result.Username, token = result.Token })
                    : Results.Json(new { username = result.Username, token = result.Token, refresh_token = result.RefreshToken });
            }

            if (result.Failure == UserAuthenticationFailure.NotConfigured)
            {
                // Not 401 (the password was never checked) nor 503 (retrying never helps): this host has no login.
                return Results.Json(new { message = "Login is not available on this host." }, statusCode: StatusCodes.Status501NotImplemented);
            }

            if (result.Failure == UserAuthenticationFailure.InvalidInput)
            {
                return ApiErrorResults.Invalid(StatusCodes.Status422UnprocessableEntity, "Validation failed", "username", "The username or password is not acceptable.");
            }

            if (result.Failure is UserAuthenticationFailure.TwoFactorRequired or UserAuthenticationFailure.ConfirmationRequired)
            {
                // Answered only after the password was verified, so it spends no budget and may say what to do next.
                return PasswordAcceptedButRefused(result.Failure.Value);
            }

            await throttle.RecordFailureAsync(keys, cancellationToken).ConfigureAwait(false);
            return Results.Json(new { message = "Invalid username or password." }, statusCode: StatusCodes.Status401Unauthorized);
        }
    }

    /// <summary>403 with the reason's word in <c>error</c> (<c>two_factor_required</c>, <c>confirmation_required</c>), so a client can tell them apart.</summary>
    private static IResult PasswordAcceptedButRefused(UserAuthenticationFailure failure) => Results.Json(
        new
        {
            message = failure == UserAuthenticationFailure.TwoFactorRequired
                ? "Two-factor authentication is required for this user: a password alone cannot log in."
                : "The account is not confirmed yet.",
            error = CredentialTags.Of(failure),
        },
        statusCode: StatusCodes.Status403Forbidden);

    private static IResult TooManyAttempts(HttpContext context, TimeSpan wait)
    {
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Json(new { message = "Too many failed logins. Try again later." }, statusCode: StatusCodes.Status429TooManyRequests);
    }

    private static string? RequiredString(JsonElement root, string field, FieldErrors errors)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String &&
            value.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        errors.Add(field, $"The {field} field is required.");
        return null;
    }
}
