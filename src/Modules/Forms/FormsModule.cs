using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Modularity;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Forms.Access;
using Platform.Modules.Forms.Contracts;
using Platform.Modules.Forms.Data;
using Platform.Modules.Forms.Templates;

namespace Platform.Modules.Forms;

/// <summary>
/// Forms: versioned form templates (typed fields + an approval route) and, in Forms.Contracts,
/// the pure value validator and route engine that form tasks run on. Runs on <c>web</c> nodes.
/// </summary>
public static class FormsModule
{
    public const string Name = "forms";

    public static IHostApplicationBuilder AddFormsModule(this IHostApplicationBuilder builder)
    {
        if (!builder.Services.GetModuleCatalog().TryLoad(Name, PlatformRoles.Web))
        {
            // Files nodes check task visibility for attachment downloads, and a form's managers see its tasks.
            if (builder.Services.GetModuleCatalog().NodeRoles.Has(PlatformRoles.Files))
            {
                builder.Services.AddModuleDbContext<FormsDbContext>(FormsDbContext.Schema);
                builder.Services.AddScoped<IFormTemplates, FormTemplates>();
            }

            return builder;
        }

        builder.Services.AddModuleDbContext<FormsDbContext>(FormsDbContext.Schema);
        builder.Services.AddScoped<IFormTemplates, FormTemplates>();
        return builder;
    }

    public static WebApplication MapFormsEndpoints(this WebApplication app)
    {
        if (!app.GetModuleCatalog().IsLoaded(Name))
            return app;
        // Members read; changes additionally require OrganizationAdmin (set on each endpoint).
        var forms = app.MapGroup("/api/v1/forms").WithTags("Forms").RequireAuthorization(PlatformPolicies.Member);
        TemplateEndpoints.Map(forms);
        FormAccessEndpoints.Map(forms);
        return app;
    }
}
