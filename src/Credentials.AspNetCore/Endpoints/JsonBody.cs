using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Credentials.AspNetCore.Endpoints;

/// <summary>
/// Reads a request body as JSON within a size limit. Every way a body can be wrong (too big, not JSON, not UTF-8,
/// nested too deep) becomes an error result with a 4xx status, never an exception that turns into a 500.
/// </summary>
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

        try
        {
            return (JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), Options), null);
        }
        catch (JsonException)
        {
            return (null, SeedResults.Invalid(StatusCodes.Status400BadRequest, "Malformed JSON", "body", "The request body is not valid JSON."));
        }
    }

    private static IResult TooLarge(int maxBytes) =>
        SeedResults.Invalid(StatusCodes.Status413PayloadTooLarge, "Payload too large", "body", $"The request body is larger than {maxBytes} bytes.");
}
