using System.Text.Json;

namespace Credentials.AspNetCore.Tests.Infrastructure;

/// <summary>Reading the JSON answers the tests check.</summary>
public static class HttpResponseMessageExtensions
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static IEnumerable<string> PropertyNames(this JsonElement element) => element.EnumerateObject().Select(p => p.Name);
}
