using Microsoft.AspNetCore.Http.HttpResults;
using Platform.BuildingBlocks.Web;

namespace Platform.Modules.Catalogs.Web;

/// <summary>
/// <see cref="FieldErrors"/> with a cap: a sync of 100 000 broken items answers with the first
/// <see cref="MaxReported"/> errors and a count of the rest, not with a 20 MB problem document.
/// </summary>
internal sealed class InputErrors
{
    public const int MaxReported = 100;

    private readonly FieldErrors _errors = new();
    private readonly Dictionary<string, int> _dropped = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public bool Any => Count > 0;

    public InputErrors Add(string field, string message)
    {
        if (Count < MaxReported)
        {
            _errors.Add(field, message);
        }
        else
        {
            // Reported against the collection the error is in: "items[70000].values[1]" → "items".
            var root = field.Split('[', '.')[0];
            _dropped[root] = _dropped.GetValueOrDefault(root) + 1;
        }
        Count++;
        return this;
    }

    public ValidationProblem ToProblem()
    {
        foreach (var (root, count) in _dropped)
            _errors.Add(root, $"{count} more error(s) not listed; fix the ones listed and try again.");
        _dropped.Clear();
        return _errors.ToProblem();
    }
}
