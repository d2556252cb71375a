using Microsoft.AspNetCore.Http;

namespace Credentials.AspNetCore.Endpoints;

/// <summary>
/// The API's error bodies (<c>{"message": ..., "errors": {"field": [...]}}</c>, as the API-key creation API writes
/// them), shared by every endpoint so clients parse one shape.
/// </summary>
internal static class ApiErrorResults
{
    public static IResult Forbidden() => Results.Json(new { message = "Forbidden" }, statusCode: StatusCodes.Status403Forbidden);

    public static IResult NotFound() => Results.Json(new { message = "Not found" }, statusCode: StatusCodes.Status404NotFound);

    public static IResult Invalid(FieldErrors errors) =>
        Results.Json(new { message = "Validation failed", errors = errors.ToDictionary() }, statusCode: StatusCodes.Status422UnprocessableEntity);

    public static IResult Invalid(int statusCode, string message, string field, string error)
    {
        var errors = new FieldErrors();
        errors.Add(field, error);
        return Results.Json(new { message, errors = errors.ToDictionary() }, statusCode: statusCode);
    }
}
