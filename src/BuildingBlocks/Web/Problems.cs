using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.BuildingBlocks.Web;

/// <summary>Problem responses with the wording the API uses everywhere.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"{what} does not exist or you have no access to it.");

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is invalid.");

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is invalid.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: detail);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);
}

/// <summary>
/// Collects field errors for a validation problem. Bulk inputs (a catalog sync of 100,000 items) give
/// <see cref="BulkMaxReported"/>: the first errors are listed and the rest counted per collection, so a
/// broken upload answers with a readable problem, not a 20 MB one.
/// </summary>
public sealed class FieldErrors(int maxReported = int.MaxValue)
{
    /// <summary>How many errors a bulk input lists before it only counts them.</summary>
    public const int BulkMaxReported = 100;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _dropped = new(StringComparer.Ordinal);

    /// <summary>Every error added, listed or only counted.</summary>
    public int Count { get; private set; }

    public bool Any => Count > 0;

    /// <summary>The listed errors by field (validation code and tests read them back).</summary>
    public IReadOnlyDictionary<string, List<string>> Errors => _errors;

    public FieldErrors Add(string field, string message)
    {
        if (Count < maxReported)
        {
            if (!_errors.TryGetValue(field, out var list))
                _errors[field] = list = [];
            list.Add(message);
        }
        else
        {
            // Counted against the collection the error is in: "items[70000].values[1]" → "items".
            var root = field.Split('[', '.')[0];
            _dropped[root] = _dropped.GetValueOrDefault(root) + 1;
        }
        Count++;
        return this;
    }

    public FieldErrors Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            Add(field, "is required.");
        else if (value.Length > maxLength)
            Add(field, $"must be at most {maxLength} characters.");
        return this;
    }

    public FieldErrors Optional(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
            Add(field, $"must be at most {maxLength} characters.");
        return this;
    }

    public ValidationProblem ToProblem()
    {
        var errors = _errors.ToDictionary(e => e.Key, e => e.Value.ToList(), StringComparer.Ordinal);
        foreach (var (root, count) in _dropped)
        {
            if (!errors.TryGetValue(root, out var list))
                errors[root] = list = [];
            list.Add($"{count} more error(s) not listed; fix the ones listed and try again.");
        }
        return Problems.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}
