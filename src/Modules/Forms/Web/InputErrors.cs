using Microsoft.AspNetCore.Http.HttpResults;
using Platform.BuildingBlocks.Web;

namespace Platform.Modules.Forms.Web;

/// <summary><see cref="FieldErrors"/> that can also be counted and read back (validation code and tests need both).</summary>
internal sealed class InputErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public bool Any => Count > 0;

    public IReadOnlyDictionary<string, List<string>> Errors => _errors;

    public InputErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add(message);
        Count++;
        return this;
    }

    public InputErrors Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            Add(field, "is required.");
        else if (value.Length > maxLength)
            Add(field, $"must be at most {maxLength} characters.");
        return this;
    }

    public InputErrors Optional(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
            Add(field, $"must be at most {maxLength} characters.");
        return this;
    }

    public ValidationProblem ToProblem()
    {
        var errors = new FieldErrors();
        foreach (var (field, messages) in _errors)
        {
            foreach (var message in messages)
                errors.Add(field, message);
        }
        return errors.ToProblem();
    }
}
