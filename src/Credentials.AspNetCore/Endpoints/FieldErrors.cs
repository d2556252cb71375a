namespace Credentials.AspNetCore.Endpoints;

/// <summary>Field name → messages, in the order found: the <c>errors</c> object of the API's 422 body.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public void AddRange(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> errors)
    {
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                Add(field, message);
            }
        }
    }

    public IReadOnlyDictionary<string, List<string>> ToDictionary() => _errors;
}
