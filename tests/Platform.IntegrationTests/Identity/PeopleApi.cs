using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;
using Platform.Modules.Identity.Contracts;

namespace Platform.IntegrationTests.Identity;

public sealed record NamedRefDto(Guid Id, string Name);

public sealed record UserProfileDto(
    Guid Id, string? Email, string DisplayName, string? Position, string? Phone, string? TimeZone, string? Locale,
    bool IsAdmin, bool IsBlocked, bool IsBot, DateTimeOffset CreatedAt,
    IReadOnlyList<NamedRefDto> Departments, IReadOnlyList<NamedRefDto> Roles);

public sealed record PersonItemDto(
    Guid Id, string? Email, string DisplayName, string? Position, bool IsAdmin, bool IsBlocked, bool IsBot,
    IReadOnlyList<NamedRefDto> Departments, IReadOnlyList<NamedRefDto> Roles);

public sealed record PeopleListDto(IReadOnlyList<PersonItemDto> Items, string? NextCursor);

public sealed record DepartmentItemDto(Guid Id, string Name, Guid? ParentId, Guid? HeadUserId, IReadOnlyList<Guid> MemberIds);

public sealed record DepartmentListDto(IReadOnlyList<DepartmentItemDto> Items);

public sealed record DepartmentDto(Guid Id, string Name, Guid? ParentId, Guid? HeadUserId, IReadOnlyList<NamedRefDto> Members, IReadOnlyList<Guid> ChildIds);

public sealed record RoleItemDto(Guid Id, string Name, IReadOnlyList<Guid> MemberIds);

public sealed record RoleListDto(IReadOnlyList<RoleItemDto> Items);

public sealed record RoleDto(Guid Id, string Name, IReadOnlyList<NamedRefDto> Members);

public sealed record IssuedBotKeyDto(Guid Id, string DisplayName, string ApiKey, string KeyHint, DateTimeOffset KeyCreatedAt);

/// <summary>Calls of the People API that several test classes share.</summary>
public static class PeopleApi
{
    public static async Task<DepartmentDto> CreateDepartmentAsync(this TestUser admin, string name, Guid? parentId = null, Guid? headUserId = null) =>
        await Http.ReadAsync<DepartmentDto>(
            await admin.Client.PostAsJsonAsync("/api/v1/departments", new { name, parentId, headUserId }), HttpStatusCode.Created);

    public static async Task<RoleDto> CreateRoleAsync(this TestUser admin, string name) =>
        await Http.ReadAsync<RoleDto>(await admin.Client.PostAsJsonAsync("/api/v1/roles", new { name }), HttpStatusCode.Created);

    public static async Task<IssuedBotKeyDto> CreateBotAsync(this TestUser admin, string displayName = "CI bot") =>
        await Http.ReadAsync<IssuedBotKeyDto>(await admin.Client.PostAsJsonAsync("/api/v1/bots", new { displayName }), HttpStatusCode.Created);

    public static async Task<UserProfileDto> GetProfileAsync(this TestUser user, Guid id) =>
        await Http.ReadAsync<UserProfileDto>(await user.Client.GetAsync($"/api/v1/users/{id}"), HttpStatusCode.OK);

    public static async Task<HttpResponseMessage> BlockAsync(this TestUser admin, Guid id) =>
        await admin.Client.PostAsync($"/api/v1/users/{id}/block", null);

    public static async Task<HttpResponseMessage> UnblockAsync(this TestUser admin, Guid id) =>
        await admin.Client.PostAsync($"/api/v1/users/{id}/unblock", null);

    /// <summary>A client that authenticates with a bot's API key.</summary>
    public static HttpClient BotClient(this PlatformApp app, string apiKey)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>Runs <paramref name="call"/> on the host's <see cref="IUserDirectory"/>, as another module would.</summary>
    public static async Task<T> DirectoryAsync<T>(this PlatformApp app, Func<IUserDirectory, Task<T>> call)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<IUserDirectory>());
    }
}
