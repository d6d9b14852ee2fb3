using Microsoft.EntityFrameworkCore;
using Platform.Modules.Forms.Contracts;
using Platform.Modules.Forms.Domain;
using Platform.Modules.Identity.Contracts;

namespace Platform.Modules.Forms.Data;

internal sealed class FormTemplates(FormsDbContext db, IUserDirectory directory) : IFormTemplates
{
    public async Task<FormTemplateVersion?> GetVersionAsync(Guid organizationId, Guid templateId, int? version, CancellationToken ct)
    {
        var head = await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == templateId && t.OrganizationId == organizationId, ct);
        if (head is null)
            return null;
        var number = version ?? head.CurrentVersion;
        var record = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.TemplateId == templateId && v.Version == number, ct);
        return record?.ToContract(head);
    }

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<Guid>>> GetRoleMembersAsync(Guid organizationId, FormTemplateVersion version, CancellationToken ct)
    {
        var members = new Dictionary<Guid, IReadOnlyList<Guid>>();
        foreach (var role in version.Route.Steps.SelectMany(s => s.Roles).Distinct())
            members[role] = await directory.GetRoleMembersAsync(organizationId, role, ct);
        return members;
    }

    public async Task<FormUserAccess?> GetUserAccessAsync(Guid organizationId, Guid templateId, Guid userId, CancellationToken ct)
    {
        if (!await db.Templates.AnyAsync(t => t.Id == templateId && t.OrganizationId == organizationId, ct))
            return null;
        var rules = (await db.AccessRulesAsync(organizationId, [templateId], ct))[templateId];
        var roles = rules.NeedsRoles ? await directory.GetRolesOfUserAsync(organizationId, userId, ct) : [];
        var (create, manage) = rules.For(userId, roles, isAdmin: false);
        return new FormUserAccess(create, manage);
    }
}
