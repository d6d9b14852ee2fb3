namespace Platform.Modules.Forms.Domain;

internal static class FormRights
{
    /// <summary>May create tasks from the form. A form that names no creator lets every member create.</summary>
    public const string Create = "create";

    /// <summary>Sees every task of the form: the whole register, and each task when opening it.</summary>
    public const string Manage = "manage";
}

internal static class PrincipalTypes
{
    public const string User = "user";
    public const string Role = "role";
}

/// <summary>
/// One grant of a right on a form to a user or an Identity role. Rights belong to the form, not
/// to a version: changing who may use a form is not a change of its definition, so it neither makes
/// a version nor touches existing tasks.
/// </summary>
internal sealed class FormAccessEntry(Guid templateId, Guid organizationId, string right, string principalType, Guid principalId)
{
    public Guid TemplateId { get; private set; } = templateId;
    public Guid OrganizationId { get; private set; } = organizationId;
    public string Right { get; private set; } = right;
    public string PrincipalType { get; private set; } = principalType;
    public Guid PrincipalId { get; private set; } = principalId;
}

/// <summary>A form's grants, and what they give one user.</summary>
internal sealed record FormAccessRules(IReadOnlyList<FormAccessEntry> Entries)
{
    public bool NeedsRoles => Entries.Any(e => e.PrincipalType == PrincipalTypes.Role);

    /// <param name="roleIds">The user's roles (may be empty when <see cref="NeedsRoles"/> is false).</param>
    public (bool CanCreate, bool CanManage) For(Guid userId, IReadOnlyCollection<Guid> roleIds, bool isAdmin)
    {
        if (isAdmin)
            return (true, true);
        var manage = Holds(FormRights.Manage, userId, roleIds);
        var creators = Entries.Any(e => e.Right == FormRights.Create);
        return (!creators || Holds(FormRights.Create, userId, roleIds), manage);
    }

    public IReadOnlyList<Guid> Ids(string right, string principalType) =>
        Entries.Where(e => e.Right == right && e.PrincipalType == principalType).Select(e => e.PrincipalId).Order().ToList();

    private bool Holds(string right, Guid userId, IReadOnlyCollection<Guid> roleIds) =>
        Entries.Any(e => e.Right == right && (e.PrincipalType == PrincipalTypes.User ? e.PrincipalId == userId : roleIds.Contains(e.PrincipalId)));
}
