using Platform.Modules.Identity.People;

namespace Platform.Modules.Identity.Departments;

internal sealed record DepartmentRequest(string? Name, Guid? ParentId, Guid? HeadUserId);

internal sealed record DepartmentItem(Guid Id, string Name, Guid? ParentId, Guid? HeadUserId, IReadOnlyList<Guid> MemberIds);

internal sealed record DepartmentList(IReadOnlyList<DepartmentItem> Items);

internal sealed record DepartmentDetails(
    Guid Id, string Name, Guid? ParentId, Guid? HeadUserId, IReadOnlyList<NamedRef> Members, IReadOnlyList<Guid> ChildIds);
