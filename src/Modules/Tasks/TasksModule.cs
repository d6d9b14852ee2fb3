using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Idempotency;
using Platform.BuildingBlocks.Modularity;
using Platform.BuildingBlocks.Outbox;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Tasks.AddComment;
using Platform.Modules.Tasks.Contracts;
using Platform.Modules.Tasks.CreateTask;
using Platform.Modules.Tasks.Data;
using Platform.Modules.Tasks.GetTask;
using Platform.Modules.Tasks.ListTasks;

namespace Platform.Modules.Tasks;

/// <summary>Tasks and their comment streams (the seed's web-api). Runs on <c>web</c> nodes.</summary>
public static class TasksModule
{
    public const string Name = "tasks";

    public static IHostApplicationBuilder AddTasksModule(this IHostApplicationBuilder builder)
    {
        if (!builder.Services.GetModuleCatalog().TryLoad(Name, PlatformRoles.Web))
            return builder;
        IntegrationEventTypes.Register<TaskCreated>();
        IntegrationEventTypes.Register<TaskCommented>();
        builder.Services.AddOutboxRelay(TasksDbContext.Schema);
        builder.Services.AddModuleDbContext<TasksDbContext>(TasksDbContext.Schema);
        return builder;
    }

    public static WebApplication MapTasksEndpoints(this WebApplication app)
    {
        if (!app.GetModuleCatalog().IsLoaded(Name))
            return app;
        var tasks = app.MapGroup("/api/v1/tasks").WithTags("Tasks").RequireAuthorization(PlatformPolicies.Member)
            .AddEndpointFilter<IdempotencyFilter<TasksDbContext>>();
        CreateTaskEndpoint.Map(tasks);
        ListTasksEndpoint.Map(tasks);
        GetTaskEndpoint.Map(tasks);
        AddCommentEndpoint.Map(tasks);
        return app;
    }
}
