using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace Credentials.AspNetCore.Endpoints;

/// <summary>
/// Reads a request body as JSON within a size limit. Every way a body can be wrong (too big, not JSON, not UTF-8,
/// nested too deep) becomes an error result with a 4xx status, never an exception that turns into a 500.
/// </summary>
/// <remarks>
/// The parser decodes strings only when they are read, so ill-formed text (invalid UTF-8 bytes, or an escape naming a
/// lone surrogate such as <c>"\ud800"</c>) would otherwise throw in whichever field first reads it, or be stored as is
/// when a field keeps raw JSON. The whole body is checked here once instead, so no field reader has to.
/// </remarks>
internal static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    public static async Task<(JsonDocument? Document, IResult? Error)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        var json = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        try
        {
            return Utf8.IsValid(json.Span) && EscapesAreWellFormed(json.Span)
                ? (JsonDocument.Parse(json, Options), null)
                : (null, Malformed("The request body is not well-formed UTF-8 text."));
        }
        catch (JsonException)
        {
            return (null, Malformed("The request body is not valid JSON."));
        }
    }

    /// <summary>Whether every escaped string and property name unescapes to well-formed UTF-16 (no lone surrogate).</summary>
    /// <exception cref="JsonException">The body is not JSON.</exception>
    private static bool EscapesAreWellFormed(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = Options.MaxDepth });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
            {
                try
                {
                    _ = reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    // The reader's only way of saying an escape names a lone or reversed surrogate.
                    return false;
                }
            }
        }

        return true;
    }

    private static IResult Malformed(string error) => ApiErrorResults.Invalid(StatusCodes.Status400BadRequest, "Malformed JSON", "body", error);

    private static IResult TooLarge(int maxBytes) =>
        ApiErrorResults.Invalid(StatusCodes.Status413PayloadTooLarge, "Payload too large", "body", $"The request body is larger than {maxBytes} bytes.");
}
