using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.BuildingBlocks.Web;
using Platform.Modules.Forms.Contracts;
using Platform.Modules.Forms.Domain;

namespace Platform.Modules.Forms.Templates;

/// <summary>
/// Turns a template request into a definition, collecting every error with its path
/// (<c>fields[2].options[0].id</c>, <c>route.rules[1].when.value</c>). Pure; the check that people
/// exist is <see cref="TemplateEndpoints"/>'s.
/// </summary>
internal static partial class TemplateInput
{
    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[a-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex OptionIdPattern();

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyPattern();

    /// <param name="previous">The current version, when this request makes a new one: options sent without an id keep the id of the option with the same label.</param>
    public static TemplateDefinition? Parse(TemplateRequest request, FormTemplateVersion? previous, FieldErrors errors)
    {
        errors.Required("name", request.Name, FormLimits.MaxNameLength);
        errors.Optional("description", request.Description, FormLimits.MaxDescriptionLength);
        var stepCount = request.Route?.Steps?.Count ?? 0;
        var fields = Fields("fields", request.Fields, previous?.Fields, stepCount, inTable: false, errors);
        var route = Route(request.Route, fields, errors);
        if (errors.Any)
            return null;
        var description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        return new TemplateDefinition(request.Name!.Trim(), description, fields, route);
    }

    private static List<FormField> Fields(
        string path, IReadOnlyList<FieldRequest?>? requests, IReadOnlyList<FormField>? previous, int stepCount, bool inTable, FieldErrors errors)
    {
        var result = new List<FormField>();
        if (requests is null)
        {
            if (inTable)
                errors.Add(path, "is required: a table has at least one column.");
            return result;
        }
        var max = inTable ? FormLimits.MaxColumns : FormLimits.MaxFields;
        if (requests.Count > max)
        {
            errors.Add(path, $"must have at most {max} entries.");
            return result;
        }
        if (inTable && requests.Count == 0)
            errors.Add(path, "is required: a table has at least one column.");
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < requests.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (requests[i] is not { } request)
            {
                errors.Add(at, "is required.");
                continue;
            }
            if (request.Code is { } code && CodePattern().IsMatch(code) && !codes.Add(code))
                errors.Add($"{at}.code", $"\"{code}\" is already used by another field{(inTable ? " of this table" : "")}.");
            if (Field(at, request, previous?.FirstOrDefault(f => f.Code == request.Code), stepCount, inTable, errors) is { } field)
                result.Add(field);
        }
        return result;
    }

    private static FormField? Field(string at, FieldRequest r, FormField? previous, int stepCount, bool inTable, FieldErrors errors)
    {
        var before = Count(errors);
        if (string.IsNullOrEmpty(r.Code) || !CodePattern().IsMatch(r.Code))
            errors.Add($"{at}.code", "must start with a lowercase letter and contain only a-z, 0-9 and _ (at most 64 characters).");
        errors.Required($"{at}.label", r.Label, FormLimits.MaxLabelLength);
        var type = r.Type ?? string.Empty;
        if (!FieldTypes.All.Contains(type))
        {
            errors.Add($"{at}.type", $"must be one of: {string.Join(", ", FieldTypes.All)}.");
            return null;
        }
        if (inTable && (type == FieldTypes.Table || FieldTypes.IsLayout(type)))
            errors.Add($"{at}.type", "a table column cannot be a table, a title or a section.");

        var lastStep = Math.Max(1, stepCount);
        if (FieldTypes.IsLayout(type) && (r.RequiredFromStep is not null || r.ReadOnlyFromStep is not null))
            errors.Add(at, "a layout field holds no value, so it cannot be required or read-only.");
        Step($"{at}.requiredFromStep", r.RequiredFromStep, lastStep, errors);
        Step($"{at}.readOnlyFromStep", r.ReadOnlyFromStep, lastStep, errors);

        var isNumber = type is FieldTypes.Number or FieldTypes.Money;
        NotFor(r.Min is not null && !isNumber, $"{at}.min", type, errors);
        NotFor(r.Max is not null && !isNumber, $"{at}.max", type, errors);
        NotFor(r.Decimals is not null && !isNumber, $"{at}.decimals", type, errors);
        NotFor(r.Currency is not null && type != FieldTypes.Money, $"{at}.currency", type, errors);
        NotFor(r.Options is not null && type is not (FieldTypes.SingleChoice or FieldTypes.MultipleChoice), $"{at}.options", type, errors);
        NotFor(r.CatalogId is not null && type != FieldTypes.Catalog, $"{at}.catalogId", type, errors);
        NotFor(r.Columns is not null && type != FieldTypes.Table, $"{at}.columns", type, errors);

        if (r.Min is { } min && r.Max is { } max && min > max)
            errors.Add($"{at}.max", "must be at least min.");
        int? decimals = r.Decimals;
        if (type == FieldTypes.Number && decimals is < 0 or > 10)
            errors.Add($"{at}.decimals", "must be between 0 and 10.");
        string? currency = null;
        if (type == FieldTypes.Money)
        {
            if (decimals is not null and not 2)
                errors.Add($"{at}.decimals", "money always has 2 decimals.");
            decimals = 2;
            currency = r.Currency?.Trim().ToUpperInvariant();
            if (currency is null || !CurrencyPattern().IsMatch(currency))
                errors.Add($"{at}.currency", "is required: an ISO 4217 currency code such as RUB, EUR or USD.");
        }
        IReadOnlyList<ChoiceOption>? options = null;
        if (type is FieldTypes.SingleChoice or FieldTypes.MultipleChoice)
            options = Options($"{at}.options", r.Options, previous?.Options, errors);
        if (type == FieldTypes.Catalog && (r.CatalogId is null || r.CatalogId == Guid.Empty))
            errors.Add($"{at}.catalogId", "is required: the catalog this field picks from.");
        IReadOnlyList<FormField>? columns = null;
        if (type == FieldTypes.Table && !inTable)
            columns = Fields($"{at}.columns", r.Columns, previous?.Columns, stepCount, inTable: true, errors);

        if (Count(errors) > before)
            return null;
        return new FormField(r.Code!, type, r.Label!.Trim())
        {
            RequiredFromStep = r.RequiredFromStep,
            ReadOnlyFromStep = r.ReadOnlyFromStep,
            Min = r.Min,
            Max = r.Max,
            Decimals = decimals,
            Currency = currency,
            Options = options,
            CatalogId = r.CatalogId,
            Columns = columns,
        };
    }

    private static List<ChoiceOption>? Options(string at, IReadOnlyList<OptionRequest?>? requests, IReadOnlyList<ChoiceOption>? previous, FieldErrors errors)
    {
        if (requests is null || requests.Count == 0)
        {
            errors.Add(at, "is required: a choice field has at least one option.");
            return null;
        }
        if (requests.Count > FormLimits.MaxOptions)
        {
            errors.Add(at, $"must have at most {FormLimits.MaxOptions} options.");
            return null;
        }
        var result = new List<ChoiceOption>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < requests.Count; i++)
        {
            var oat = $"{at}[{i}]";
            if (requests[i] is not { } option)
            {
                errors.Add(oat, "is required.");
                continue;
            }
            errors.Required($"{oat}.label", option.Label, FormLimits.MaxLabelLength);
            var label = option.Label?.Trim() ?? string.Empty;
            var id = option.Id
                ?? previous?.FirstOrDefault(p => p.Label == label && !ids.Contains(p.Id))?.Id
                ?? NewOptionId(ids, previous);
            if (!OptionIdPattern().IsMatch(id))
                errors.Add($"{oat}.id", "must be 1-64 characters of a-z, 0-9, _ and -.");
            else if (!ids.Add(id))
                errors.Add($"{oat}.id", $"\"{id}\" is already used by another option of this field.");
            result.Add(new ChoiceOption(id, label));
        }
        return result;
    }

    /// <summary>A short id never used by this field, now or in the previous version: o1, o2, …</summary>
    private static string NewOptionId(HashSet<string> used, IReadOnlyList<ChoiceOption>? previous)
    {
        for (var n = 1; ; n++)
        {
            var id = $"o{n}";
            if (!used.Contains(id) && previous?.Any(p => p.Id == id) != true)
                return id;
        }
    }

    private static FormRoute Route(RouteRequest? request, List<FormField> fields, FieldErrors errors)
    {
        if (request is null)
            return FormRoute.Empty;
        var onReject = request.OnReject ?? RejectBehaviors.BackToPreviousStep;
        if (!RejectBehaviors.All.Contains(onReject))
            errors.Add("route.onReject", $"must be one of: {string.Join(", ", RejectBehaviors.All)}.");
        var steps = new List<RouteStep>();
        var stepRequests = request.Steps ?? [];
        if (stepRequests.Count > FormLimits.MaxSteps)
            errors.Add("route.steps", $"must have at most {FormLimits.MaxSteps} steps.");
        for (var i = 0; i < stepRequests.Count && i < FormLimits.MaxSteps; i++)
        {
            var at = $"route.steps[{i}]";
            if (stepRequests[i] is not { } step)
            {
                errors.Add(at, "is required.");
                continue;
            }
            errors.Optional($"{at}.name", step.Name, FormLimits.MaxLabelLength);
            var approvers = People($"{at}.approvers", step.Approvers, errors);
            var roles = People($"{at}.roles", step.Roles, errors);
            steps.Add(new RouteStep(i + 1, string.IsNullOrWhiteSpace(step.Name) ? null : step.Name.Trim(), approvers, roles));
        }

        var rules = new List<RouteRule>();
        var ruleRequests = request.Rules ?? [];
        if (ruleRequests.Count > FormLimits.MaxRules)
            errors.Add("route.rules", $"must have at most {FormLimits.MaxRules} rules.");
        for (var i = 0; i < ruleRequests.Count && i < FormLimits.MaxRules; i++)
        {
            var at = $"route.rules[{i}]";
            if (ruleRequests[i] is not { } rule)
            {
                errors.Add(at, "is required.");
                continue;
            }
            if (Rule(at, rule, fields, steps.Count, errors) is { } parsed)
                rules.Add(parsed);
        }
        return new FormRoute(steps, rules, onReject);
    }

    private static RouteRule? Rule(string at, RuleRequest rule, List<FormField> fields, int stepCount, FieldErrors errors)
    {
        var before = Count(errors);
        var action = rule.Action ?? string.Empty;
        if (!RuleActions.All.Contains(action))
            errors.Add($"{at}.action", $"must be one of: {string.Join(", ", RuleActions.All)}.");
        if (action == RuleActions.AddApprover && (rule.Step is null || rule.Step < 1 || rule.Step > stepCount))
            errors.Add($"{at}.step", stepCount == 0 ? "cannot be set: the route has no steps." : $"is required: a step between 1 and {stepCount}.");
        if (action == RuleActions.AddParticipant && rule.Step is not null)
            errors.Add($"{at}.step", "must not be set: participants belong to the task, not to a step.");
        var users = People($"{at}.users", rule.Users, errors);
        if (rule.FromField is { } from)
        {
            if (fields.FirstOrDefault(f => f.Code == from) is not { Type: FieldTypes.Person })
                errors.Add($"{at}.fromField", "must be the code of a person field of this form.");
        }
        if (users.Count == 0 && rule.FromField is null)
            errors.Add(at, "must name users, a fromField (a person field), or both.");
        RouteCondition? when = null;
        if (rule.When is { } condition)
            when = Condition($"{at}.when", condition, fields, errors);
        if (Count(errors) > before)
            return null;
        return new RouteRule(action, rule.Step, users, rule.FromField, when);
    }

    private static RouteCondition? Condition(string at, ConditionRequest c, List<FormField> fields, FieldErrors errors)
    {
        var field = fields.FirstOrDefault(f => f.Code == c.Field);
        if (field is null || FieldTypes.IsLayout(field.Type) || field.Type == FieldTypes.Table)
        {
            errors.Add($"{at}.field", "must be the code of a (non-table, non-layout) field of this form.");
            return null;
        }
        var op = c.Operator ?? string.Empty;
        if (!ConditionOperators.All.Contains(op))
        {
            errors.Add($"{at}.operator", $"must be one of: {string.Join(", ", ConditionOperators.All)}.");
            return null;
        }
        if (op is ConditionOperators.Greater or ConditionOperators.Less && !FieldTypes.IsOrdered(field.Type))
            errors.Add($"{at}.operator", $"\"{op}\" applies only to number, money, date, time and due_date fields.");
        string? value = c.Value switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
            { ValueKind: JsonValueKind.True } => "true",
            { ValueKind: JsonValueKind.False } => "false",
            { ValueKind: JsonValueKind.Null } => null,
            _ => "\u0000",
        };
        if (op == ConditionOperators.IsSet)
        {
            if (value is not null)
                errors.Add($"{at}.value", "must not be set for is_set.");
            return new RouteCondition(field.Code, op, null);
        }
        var valid = value is not null && field.Type switch
        {
            FieldTypes.Number or FieldTypes.Money => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _),
            FieldTypes.Date => FormValueValidator.IsDate(value),
            FieldTypes.Time => FormValueValidator.IsTime(value),
            FieldTypes.DueDate => FormValueValidator.IsDate(value) || DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            FieldTypes.Checkbox => value is "true" or "false",
            FieldTypes.SingleChoice or FieldTypes.MultipleChoice => field.Options?.Any(o => o.Id == value) == true,
            FieldTypes.Person => Guid.TryParse(value, out _),
            _ => value.Length is > 0 and <= 1000 && !value.Contains('\0', StringComparison.Ordinal),
        };
        if (!valid)
            errors.Add($"{at}.value", $"must be a valid value for the {field.Type} field \"{field.Code}\".");
        return new RouteCondition(field.Code, op, value);
    }

    private static List<Guid> People(string at, IReadOnlyList<Guid>? ids, FieldErrors errors)
    {
        if (ids is null)
            return [];
        if (ids.Count > FormLimits.MaxPeoplePerList)
            errors.Add(at, $"must have at most {FormLimits.MaxPeoplePerList} entries.");
        if (ids.Contains(Guid.Empty))
            errors.Add(at, "must not contain an empty id.");
        return ids.Distinct().ToList();
    }

    private static void Step(string at, int? step, int lastStep, FieldErrors errors)
    {
        if (step is { } s && (s < 1 || s > lastStep))
            errors.Add(at, $"must be a step of the route, between 1 and {lastStep}.");
    }

    private static void NotFor(bool condition, string at, string type, FieldErrors errors)
    {
        if (condition)
            errors.Add(at, $"does not apply to a {type} field.");
    }

    private static int Count(FieldErrors errors) => errors.Count;
}
