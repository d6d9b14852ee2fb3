namespace Platform.BuildingBlocks.Modularity;

/// <summary>The set of roles this node runs, parsed once at start-up.</summary>
public sealed class NodeRoles
{
    private readonly HashSet<string> _roles;

    private NodeRoles(HashSet<string> roles) => _roles = roles;

    public IReadOnlyCollection<string> Roles => _roles;

    public bool Has(string role) => _roles.Contains(role);

    public bool HasAny(IEnumerable<string> roles) => roles.Any(_roles.Contains);

    /// <summary>
    /// Parses a comma- or space-separated list such as <c>web,files</c> or <c>all</c>.
    /// Empty means <c>all</c>. Unknown names throw, so a typo stops the node instead of silently
    /// starting one that serves nothing.
    /// </summary>
    public static NodeRoles Parse(string? value)
    {
        var names = (value ?? string.Empty)
            .Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant())
            .ToList();
        if (names.Count == 0)
            names.Add(PlatformRoles.All);

        var roles = new HashSet<string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var name in names)
        {
            if (name == PlatformRoles.All)
                roles.UnionWith(PlatformRoles.AllInOne);
            else if (PlatformRoles.Known.Contains(name))
                roles.Add(name);
            else
                unknown.Add(name);
        }

        if (unknown.Count > 0)
            throw new UnknownRoleException(unknown);
        return new NodeRoles(roles);
    }

    public override string ToString() => string.Join(',', PlatformRoles.Known.Where(_roles.Contains));
}

public sealed class UnknownRoleException(IReadOnlyList<string> unknown)
    : Exception($"Unknown role(s): {string.Join(", ", unknown)}. Known roles: {string.Join(", ", PlatformRoles.Known)}, or '{PlatformRoles.All}' (= {string.Join(",", PlatformRoles.AllInOne)}).")
{
    public IReadOnlyList<string> UnknownRoles { get; } = unknown;
}
