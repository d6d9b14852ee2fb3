using System.Text.Json;

namespace Platform.Modules.Forms.Contracts;

/// <summary>Who a step waits for and whom the rules add, under the current values.</summary>
public static partial class RouteEngine
{
    /// <summary>The approvers of a step under the current values, in a stable order.</summary>
    public static IReadOnlyList<Guid> ResolveApprovers(RouteContext context, int stepNumber)
    {
        var result = new List<Guid>();
        var route = context.Template.Route;
        var step = route.Steps.FirstOrDefault(s => s.Number == stepNumber);
        if (step is null)
            return result;
        AddDistinct(result, step.Approvers);
        foreach (var role in step.Roles)
        {
            if (context.RoleMembers.TryGetValue(role, out var members))
                AddDistinct(result, members);
        }
        foreach (var rule in route.Rules.Where(r => r.Action == RuleActions.AddApprover && r.Step == stepNumber))
        {
            if (Holds(context.Template, context.Values, rule.When))
                AddDistinct(result, RulePeople(context.Values, rule));
        }
        return result;
    }

    /// <summary>The people <see cref="RuleActions.AddParticipant"/> rules add under the current values.</summary>
    public static IReadOnlyList<Guid> ResolveParticipants(RouteContext context)
    {
        var result = new List<Guid>();
        foreach (var rule in context.Template.Route.Rules.Where(r => r.Action == RuleActions.AddParticipant))
        {
            if (Holds(context.Template, context.Values, rule.When))
                AddDistinct(result, RulePeople(context.Values, rule));
        }
        return result;
    }

    private static IEnumerable<Guid> RulePeople(JsonElement values, RouteRule rule)
    {
        foreach (var user in rule.Users)
            yield return user;
        if (rule.FromField is { } code
            && FormValueValidator.Get(values, code) is { ValueKind: JsonValueKind.String } person
            && Guid.TryParse(person.GetString(), out var id))
            yield return id;
    }

    private static void AddDistinct(List<Guid> list, IEnumerable<Guid> users)
    {
        foreach (var user in users)
        {
            if (user != Guid.Empty && !list.Contains(user))
                list.Add(user);
        }
    }
}
