using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Modularity;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Catalogs.Contracts;
using Platform.Modules.Catalogs.CreateCatalog;
using Platform.Modules.Catalogs.Data;
using Platform.Modules.Catalogs.DeleteCatalog;
using Platform.Modules.Catalogs.DiffCatalog;
using Platform.Modules.Catalogs.GetCatalog;
using Platform.Modules.Catalogs.ListCatalogs;
using Platform.Modules.Catalogs.SyncCatalog;

namespace Platform.Modules.Catalogs;

/// <summary>
/// Catalogs: reference tables that form fields pick values from (Pyrus "справочники"), kept in
/// step with an external system by full sync or by diffs. Runs on <c>web</c> nodes.
/// </summary>
public static class CatalogsModule
{
    public const string Name = "catalogs";

    public static IHostApplicationBuilder AddCatalogsModule(this IHostApplicationBuilder builder)
    {
        if (!builder.Services.GetModuleCatalog().TryLoad(Name, PlatformRoles.Web))
            return builder;
        builder.Services.AddModuleDbContext<CatalogsDbContext>(CatalogsDbContext.Schema);
        builder.Services.AddScoped<ICatalogLookup, CatalogLookup>();
        return builder;
    }

    public static WebApplication MapCatalogsEndpoints(this WebApplication app)
    {
        if (!app.GetModuleCatalog().IsLoaded(Name))
            return app;
        // Members read; changes additionally require OrganizationAdmin (set on each endpoint).
        var catalogs = app.MapGroup("/api/v1/catalogs").WithTags("Catalogs").RequireAuthorization(PlatformPolicies.Member);
        ListCatalogsEndpoint.Map(catalogs);
        GetCatalogEndpoint.Map(catalogs);
        CreateCatalogEndpoint.Map(catalogs);
        SyncCatalogEndpoint.Map(catalogs);
        DiffCatalogEndpoint.Map(catalogs);
        DeleteCatalogEndpoint.Map(catalogs);
        return app;
    }
}
