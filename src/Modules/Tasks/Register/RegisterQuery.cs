using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Npgsql;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Forms.Contracts;

namespace Platform.Modules.Tasks.Register;

internal sealed record RegisterRow(Guid Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ClosedAt, string? FormValues, string? RouteState);

/// <summary>
/// The register's filters, read from the query string and checked against the template:
/// <c>status=open|closed</c>, <c>step=n</c>, <c>createdFrom</c>/<c>createdTo</c> (dates),
/// <c>f.code=value</c> (equality on any field), <c>f.code.min</c>/<c>f.code.max</c> (number and money
/// fields), <c>sort=updated|created</c> (newest first), <c>limit</c>, <c>after</c>.
/// Field codes become SQL only as parameters, never as text.
/// </summary>
internal sealed class RegisterQuery
{
    private readonly List<string> _where = [];
    private readonly List<NpgsqlParameter> _parameters = [];

    public string SortColumn { get; private set; } = "updated_at";
    public int Limit { get; private set; } = 50;
    public Cursor? After { get; private set; }

    /// <param name="seesAll">The caller manages the form (or is an admin): every task, not only those they could open otherwise.</param>
    public static (RegisterQuery Query, FieldErrors Errors) Parse(IQueryCollection query, FormTemplateVersion template, CurrentUser me, bool seesAll, int maxLimit)
    {
        var errors = new FieldErrors();
        var q = new RegisterQuery();
        q.Add("t.organization_id = @org AND t.form_template_id = @template", new NpgsqlParameter("org", me.OrganizationId), new NpgsqlParameter("template", template.TemplateId));
        if (!seesAll)
        {
            // Managers see the whole register; others the tasks they could open anyway (taking part, following, through a list).
            // One IN over a UNION ALL, not two EXISTS joined by OR: PostgreSQL cannot turn an OR of
            // sub-selects into a join, so it ran both per row of the form's tasks (every one of them
            // when few match: 22 ms for 30k form tasks); as a semi-join it can start from the
            // member's own tasks instead (bench/README.md).
            q.Add("""
                  t.id IN (SELECT p.task_id FROM tasks.task_participants p WHERE p.organization_id = @org AND p.user_id = @me
                           UNION ALL
                           SELECT i.task_id FROM tasks.list_items i JOIN tasks.list_members m ON m.list_id = i.list_id
                           WHERE m.organization_id = @org AND m.user_id = @me)
                  """, new NpgsqlParameter("me", me.UserId));
        }
        foreach (var (key, value) in query)
        {
            var text = value.ToString();
            switch (key)
            {
                case "status" when text is "open":
                    q.Add("t.closed_at IS NULL");
                    break;
                case "status" when text is "closed":
                    q.Add("t.closed_at IS NOT NULL");
                    break;
                case "status" when text is not "all":
                    errors.Add("status", "must be open, closed or all.");
                    break;
                case "step" when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var step):
                    q.Add("(t.route_state ->> 'currentStep')::int = @step AND t.closed_at IS NULL", new NpgsqlParameter("step", step));
                    break;
                case "step":
                    errors.Add("step", "must be a step number.");
                    break;
                case "createdFrom" or "createdTo" when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day):
                    var bound = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                    q.Add(key == "createdFrom" ? "t.created_at >= @createdFrom" : "t.created_at < @createdTo",
                        new NpgsqlParameter(key, key == "createdFrom" ? bound : bound.AddDays(1)));
                    break;
                case "createdFrom" or "createdTo":
                    errors.Add(key, "must be a date (yyyy-MM-dd).");
                    break;
                case "sort":
                    q.SortColumn = text switch { "updated" => "updated_at", "created" => "created_at", _ => "" };
                    if (q.SortColumn.Length == 0)
                        errors.Add("sort", "must be updated or created.");
                    break;
                case "limit" when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1 && limit <= maxLimit:
                    q.Limit = limit;
                    break;
                case "limit":
                    errors.Add("limit", $"must be between 1 and {maxLimit}.");
                    break;
                case "after" when Cursor.TryDecode(text, out var cursor):
                    q.After = cursor;
                    break;
                case "after":
                    errors.Add("after", "is not a cursor returned by this endpoint.");
                    break;
                case "format":
                    break;
                default:
                    q.AddFieldFilter(key, text, template, errors);
                    break;
            }
        }
        return (q, errors);
    }

    private void AddFieldFilter(string key, string value, FormTemplateVersion template, FieldErrors errors)
    {
        if (!key.StartsWith("f.", StringComparison.Ordinal))
        {
            errors.Add(key, "is not a register filter.");
            return;
        }
        var parts = key[2..].Split('.');
        var field = template.Field(parts[0]);
        if (field is null)
        {
            errors.Add(key, "is not a field of this form.");
            return;
        }
        var n = _parameters.Count;
        if (parts.Length == 1)
        {
            // Compare as JSON text: strings, numbers, booleans and option ids all read back as text.
            Add($"t.form_values ->> @code{n} = @value{n}", new NpgsqlParameter($"code{n}", field.Code), new NpgsqlParameter($"value{n}", value));
            return;
        }
        var numeric = field.Type is "number" or "money";
        if (parts.Length != 2 || parts[1] is not ("min" or "max") || !numeric
            || !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            errors.Add(key, "min/max filters need a number or money field and a number.");
            return;
        }
        Add($"(t.form_values ->> @code{n})::numeric {(parts[1] == "min" ? ">=" : "<=")} @value{n}", new NpgsqlParameter($"code{n}", field.Code), new NpgsqlParameter($"value{n}", number));
    }

    private void Add(string condition, params NpgsqlParameter[] parameters)
    {
        _where.Add(condition);
        _parameters.AddRange(parameters);
    }

    /// <summary>The SQL and its parameters; <paramref name="take"/> rows at most.</summary>
    public (string Sql, NpgsqlParameter[] Parameters) Build(int take)
    {
        var where = new List<string>(_where);
        var parameters = new List<NpgsqlParameter>(_parameters.Select(p => p.Clone()));
        if (After is { } cursor)
        {
            where.Add($"(t.{SortColumn}, t.id) < (@afterTs, @afterId)");
            parameters.Add(new NpgsqlParameter("afterTs", cursor.Timestamp));
            parameters.Add(new NpgsqlParameter("afterId", cursor.Id));
        }
        var sql = new StringBuilder()
            .Append("SELECT t.id AS \"Id\", t.title AS \"Title\", t.created_at AS \"CreatedAt\", t.updated_at AS \"UpdatedAt\", ")
            .Append("t.closed_at AS \"ClosedAt\", t.form_values::text AS \"FormValues\", t.route_state::text AS \"RouteState\" ")
            .Append("FROM tasks.tasks t WHERE ").AppendJoin(" AND ", where)
            .Append(CultureInfo.InvariantCulture, $" ORDER BY t.{SortColumn} DESC, t.id DESC LIMIT {take}")
            .ToString();
        return (sql, parameters.ToArray());
    }
}
