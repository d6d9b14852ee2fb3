using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Forms.Contracts;
using Platform.Modules.Tasks.Access;
using Platform.Modules.Tasks.Data;
using Platform.Modules.Tasks.Domain;

namespace Platform.Modules.Tasks.Register;

internal sealed record RegisterItem(Guid Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ClosedAt,
    int? Step, string? RouteStatus, JsonElement Values);

/// <summary>
/// <c>GET /api/v1/forms/{templateId}/register</c>: a form's tasks with filters (see
/// <see cref="RegisterQuery"/>) and in any order (<see cref="RegisterSort"/>), as JSON pages or, with <c>format=csv</c>, as a CSV file of up to
/// 10,000 rows with one column per field of the template's current version.
/// </summary>
internal static class RegisterEndpoint
{
    private const int MaxPage = 200;
    private const int MaxCsvRows = 10_000;
    private static readonly string[] FixedColumns = ["id", "title", "created", "updated", "closed", "step", "route"];

    public static void Map(RouteGroupBuilder api) => api.MapGet("/forms/{templateId:guid}/register", HandleAsync);

    /// <summary>
    /// Admins and the form's managers see every task; the form's creators (every member, while the
    /// form names none) see the tasks they could open anyway; anyone else is refused.
    /// </summary>
    private static async Task<IResult> HandleAsync(Guid templateId, HttpContext http, CurrentUser me, TasksDbContext db, IFormTemplates templates, TaskAccess access, CancellationToken ct)
    {
        var template = await templates.GetVersionAsync(me.OrganizationId, templateId, null, ct);
        if (template is null)
            return Problems.NotFound("The form");
        var rights = await access.FormRightsAsync(me, templateId, ct);
        var seesAll = rights.CanManage;
        if (!seesAll && !rights.CanCreate)
            return Problems.Forbidden("This form's register is open to its managers and to the people who may create tasks from it.");
        var csv = http.Request.Query["format"].ToString() == "csv";
        var (query, errors) = RegisterQuery.Parse(http.Request.Query, template, me, seesAll, MaxPage);
        if (errors.Any)
            return errors.ToProblem();

        var take = csv ? MaxCsvRows : query.Limit + 1;
        var (sql, parameters) = query.Build(take);
        var rows = await db.Database.SqlQueryRaw<RegisterRow>(sql, parameters).ToListAsync(ct);
        if (csv)
            return TypedResults.File(Encoding.UTF8.GetBytes(ToCsv(template, rows.Select(ToItem).ToList())), "text/csv; charset=utf-8", $"register-{templateId:N}.csv");

        var page = rows.Take(query.Limit).ToList();
        var next = rows.Count > query.Limit ? query.Sort.Cursor(page[^1].SortKey, page[^1].Id) : null;
        return TypedResults.Ok(new { items = page.Select(ToItem).ToList(), nextCursor = next });
    }

    private static RegisterItem ToItem(RegisterRow row)
    {
        var route = row.RouteState is null ? null : TaskFormJson.Deserialize(row.RouteState);
        return new RegisterItem(row.Id, row.Title, row.CreatedAt, row.UpdatedAt, row.ClosedAt, route?.CurrentStep, route?.Status,
            JsonDocument.Parse(row.FormValues ?? "{}").RootElement);
    }

    private static string ToCsv(FormTemplateVersion template, IReadOnlyList<RegisterItem> items)
    {
        var fields = template.Fields.Where(f => f.Type is not ("title" or "section")).ToList();
        var csv = new StringBuilder();
        csv.AppendJoin(',', FixedColumns.Concat(fields.Select(f => f.Label)).Select(Quote)).Append("\r\n");
        foreach (var item in items)
        {
            var cells = new List<string?>
            {
                item.Id.ToString(), item.Title, item.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
                item.UpdatedAt.ToString("O", CultureInfo.InvariantCulture), item.ClosedAt?.ToString("O", CultureInfo.InvariantCulture),
                item.Step?.ToString(CultureInfo.InvariantCulture), item.RouteStatus,
            };
            cells.AddRange(fields.Select(f => item.Values.TryGetProperty(f.Code, out var v) ? Cell(v) : null));
            csv.AppendJoin(',', cells.Select(Quote)).Append("\r\n");
        }
        return csv.ToString();
    }

    private static string? Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it as a formula.</summary>
    private static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value[0] is '=' or '+' or '-' or '@' && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
