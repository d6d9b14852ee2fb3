using System.Globalization;
using Microsoft.AspNetCore.Http;
using Npgsql;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Forms.Contracts;
using Platform.Modules.Tasks.Lists;

namespace Platform.Modules.Tasks.Register;

internal sealed record RegisterRow(Guid Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ClosedAt,
    string? FormValues, string? RouteState, string? SortKey);

/// <summary>
/// The register's query string, checked against the template (docs/api.md, "The register"):
/// <c>status</c>, <c>step</c>, <c>createdFrom</c>/<c>createdTo</c>, <c>updatedFrom</c>/<c>updatedTo</c>,
/// field filters (<see cref="RegisterFieldFilters"/>), <c>sort</c> and <c>order</c>
/// (<see cref="RegisterSort"/>), <c>limit</c>, <c>after</c>. User input reaches the SQL only as parameters.
/// </summary>
internal sealed class RegisterQuery
{
    private const string Columns = """
        t.id AS "Id", t.title AS "Title", t.created_at AS "CreatedAt", t.updated_at AS "UpdatedAt", t.closed_at AS "ClosedAt",
        t.form_values::text AS "FormValues", t.route_state::text AS "RouteState"
        """;

    private readonly List<string> _where = [];
    private readonly List<NpgsqlParameter> _parameters = [];
    private Guid _organizationId;
    private Guid _templateId;
    private Guid? _member;
    private (object? Key, Guid Id)? _after;

    public RegisterSort Sort { get; private set; } = RegisterSort.Default;
    public int Limit { get; private set; } = 50;

    /// <param name="seesAll">The caller manages the form (or is an admin): every task, not only those they could open otherwise.</param>
    public static (RegisterQuery Query, FieldErrors Errors) Parse(IQueryCollection query, FormTemplateVersion template, CurrentUser me, bool seesAll, int maxLimit)
    {
        var errors = new FieldErrors();
        var q = new RegisterQuery { _organizationId = me.OrganizationId, _templateId = template.TemplateId, _member = seesAll ? null : me.UserId };
        if (query.ContainsKey("sort") || query.ContainsKey("order"))
        {
            var sort = RegisterSort.Parse(query["sort"].ToString() is { Length: > 0 } name ? name : "updated", query["order"].ToString(), template, out var error);
            if (sort is null)
                errors.Add(error!.StartsWith("order", StringComparison.Ordinal) ? "order" : "sort", error);
            else
                q.Sort = sort;
        }
        foreach (var (key, values) in query)
        {
            if (key.StartsWith("f.", StringComparison.Ordinal))
            {
                RegisterFieldFilters.Add(q, key, values, template, errors);
                continue;
            }
            if (values.Count != 1)
            {
                errors.Add(key, "must be given once.");
                continue;
            }
            q.AddFixed(key, values.ToString(), maxLimit, errors);
        }
        if (query.TryGetValue("after", out var after) && after.Count == 1 && !errors.Any)
        {
            if (q.Sort.TryReadCursor(after.ToString(), out var afterKey, out var afterId))
                q._after = (afterKey, afterId);
            else
                errors.Add("after", "is not a cursor this endpoint returned for this sort and order.");
        }
        return (q, errors);
    }

    private void AddFixed(string key, string text, int maxLimit, FieldErrors errors)
    {
        switch (key)
        {
            case "status" when text is "open":
                Where("t.closed_at IS NULL");
                break;
            case "status" when text is "closed":
                Where("t.closed_at IS NOT NULL");
                break;
            case "status" when text is "all":
                break;
            case "status":
                errors.Add("status", "must be open, closed or all.");
                break;
            case "step" when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var step):
                Where($"(t.route_state ->> 'currentStep')::int = {Parameter(step)} AND t.closed_at IS NULL");
                break;
            case "step":
                errors.Add("step", "must be a step number.");
                break;
            case "createdFrom" or "createdTo" or "updatedFrom" or "updatedTo"
                when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day):
                // Whole days in UTC: "to" includes its day.
                var column = key.StartsWith("created", StringComparison.Ordinal) ? "t.created_at" : "t.updated_at";
                var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                Where(key.EndsWith("From", StringComparison.Ordinal) ? $"{column} >= {Parameter(start)}" : $"{column} < {Parameter(start.AddDays(1))}");
                break;
            case "createdFrom" or "createdTo" or "updatedFrom" or "updatedTo":
                errors.Add(key, "must be a date (yyyy-MM-dd).");
                break;
            case "limit" when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1 && limit <= maxLimit:
                Limit = limit;
                break;
            case "limit":
                errors.Add("limit", $"must be between 1 and {maxLimit}.");
                break;
            case "sort" or "order" or "after" or "format":
                break;
            default:
                errors.Add(key, "is not a register parameter.");
                break;
        }
    }

    /// <summary>Binds <paramref name="value"/> and returns its placeholder.</summary>
    public string Parameter(object value)
    {
        var name = $"p{_parameters.Count}";
        _parameters.Add(new NpgsqlParameter(name, value));
        return "@" + name;
    }

    public void Where(string condition) => _where.Add(condition);

    /// <summary>The SQL and its parameters; <paramref name="take"/> rows at most, in the sort's order.</summary>
    /// <remarks>
    /// Someone who does not manage the form sees the tasks they take part in or follow, and those of
    /// their lists. Each is its own branch, ordered and cut at <paramref name="take"/>, and the outer
    /// query merges them: the first rows of a union are among the first rows of its parts. The
    /// participant branch walks that person's index over their rows of this form
    /// (<c>task_participants (organization, user, form, task_updated_at DESC, task)</c>): for the default
    /// order it stops after a page; for any other order it reads only their rows of this form. (An IN
    /// over both sources was one key lookup per task the person could see: bench/README.md.)
    /// </remarks>
    public (string Sql, NpgsqlParameter[] Parameters) Build(int take)
    {
        var parameters = _parameters.Select(p => p.Clone()).ToList();
        parameters.Add(new NpgsqlParameter("org", _organizationId));
        parameters.Add(new NpgsqlParameter("template", _templateId));
        if (Sort.FieldCode is { } code)
            parameters.Add(new NpgsqlParameter("sortCode", code));
        if (_after is { } after)
        {
            parameters.Add(new NpgsqlParameter("afterId", after.Id));
            if (after.Key is not null)
                parameters.Add(new NpgsqlParameter("afterKey", after.Key));
        }
        var filters = string.Concat(_where.Select(w => " AND " + w));
        const string Base = "t.organization_id = @org AND t.form_template_id = @template";
        if (_member is not { } member)
        {
            var sql = $"""
                SELECT {Columns}, {Sort.KeyText(Sort.Key)} AS "SortKey" FROM tasks.tasks t
                WHERE {Base}{filters}{After(Sort.Key, "t.id")}
                ORDER BY {Order(Sort.Key, "t.id")} LIMIT {take}
                """;
            return (sql, parameters.ToArray());
        }

        parameters.Add(new NpgsqlParameter("me", member));
        // Participant rows carry the task's activity time: ordering by it is what lets the index stop early.
        // The task is a LATERAL look-up fenced by OFFSET 0, so it stays a key look-up per participant row
        // in index order: as a plain join PostgreSQL, which cannot estimate a field filter (it guesses
        // 0.5 %), preferred scanning every task of the organisation and hashing (55 ms against 4 ms).
        var (key, id) = Sort.Name == "updated" ? ("p.task_updated_at", "p.task_id") : (Sort.Key, "t.id");
        var memberSql = $"""
            SELECT r."Id", r."Title", r."CreatedAt", r."UpdatedAt", r."ClosedAt", r."FormValues", r."RouteState", {Sort.KeyText("r.sort_key")} AS "SortKey"
            FROM ((SELECT {Columns}, {key} AS sort_key
                   FROM tasks.task_participants p
                   CROSS JOIN LATERAL (SELECT * FROM tasks.tasks t WHERE t.id = p.task_id AND {Base}{filters} OFFSET 0) t
                   WHERE p.organization_id = @org AND p.user_id = @me AND p.form_template_id = @template{After(key, id)}
                   ORDER BY {Order(key, id)} LIMIT {take})
                  UNION
                  (SELECT {Columns}, {Sort.Key} AS sort_key
                   FROM tasks.tasks t
                   -- Lists the member sees: theirs and everything nested below them (as ListAccess decides).
                   WHERE t.id IN (SELECT i.task_id FROM tasks.list_items i
                                  WHERE i.list_id IN ({ListAccess.ListIdsSeenThroughMembershipSql}))
                     AND {Base}{filters}{After(Sort.Key, "t.id")}
                   ORDER BY {Order(Sort.Key, "t.id")} LIMIT {take})) r
            ORDER BY {Order("r.sort_key", "r.\"Id\"")} LIMIT {take}
            """;
        return (memberSql, parameters.ToArray());
    }

    private string Order(string key, string id) => $"{key} {Sort.Direction}{(Sort.Nullable ? " NULLS LAST" : "")}, {id} {Sort.Direction}";

    /// <summary>Rows after the cursor in the sort's order; values that are not set come after every value.</summary>
    private string After(string key, string id)
    {
        if (_after is not { } after)
            return "";
        var op = Sort.Descending ? "<" : ">";
        if (after.Key is null)
            return $" AND {key} IS NULL AND {id} {op} @afterId";
        var rows = $"({key}, {id}) {op} (@afterKey, @afterId)";
        return Sort.Nullable ? $" AND ({key} IS NULL OR {rows})" : $" AND {rows}";
    }
}
