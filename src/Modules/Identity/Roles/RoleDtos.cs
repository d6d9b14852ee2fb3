using Platform.Modules.Identity.People;

namespace Platform.Modules.Identity.Roles;

internal sealed record RoleRequest(string? Name);

internal sealed record RoleItem(Guid Id, string Name, IReadOnlyList<Guid> MemberIds);

internal sealed record RoleList(IReadOnlyList<RoleItem> Items);

internal sealed record RoleDetails(Guid Id, string Name, IReadOnlyList<NamedRef> Members);
