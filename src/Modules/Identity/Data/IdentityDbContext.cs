using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Platform.BuildingBlocks.Database;
using Platform.Modules.Identity.Bots;
using Platform.Modules.Identity.Departments;
using Platform.Modules.Identity.Roles;

namespace Platform.Modules.Identity.Data;

internal sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options)
    : IdentityUserContext<PlatformUser, Guid>(options)
{
    public const string Schema = "identity";

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<DepartmentMember> DepartmentMembers => Set<DepartmentMember>();
    public DbSet<Role> Roles => Set<Role>();
    public DbSet<RoleMember> RoleMembers => Set<RoleMember>();
    public DbSet<BotKey> BotKeys => Set<BotKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);

        builder.Entity<PlatformUser>(b =>
        {
            b.ToTable("users");
            b.Property(u => u.DisplayName).HasMaxLength(PlatformUser.MaxDisplayNameLength);
            b.Property(u => u.Position).HasMaxLength(PlatformUser.MaxPositionLength);
            b.Property(u => u.PhoneNumber).HasMaxLength(PlatformUser.MaxPhoneLength);
            b.Property(u => u.TimeZone).HasMaxLength(PlatformUser.MaxTimeZoneLength);
            b.Property(u => u.Locale).HasMaxLength(PlatformUser.MaxLocaleLength);
            b.HasIndex(u => new { u.OrganizationId, u.DisplayName });
            // The people list pages by (created_at, id) within an organisation.
            b.HasIndex(u => new { u.OrganizationId, u.CreatedAt, u.Id });
            b.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<Organization>(b =>
        {
            b.ToTable("organizations");
            b.Property(o => o.Name).HasMaxLength(200);
        });

        ConfigurePeople(builder);
        builder.UseSnakeCaseNames();
    }

    private static void ConfigurePeople(ModelBuilder builder)
    {
        builder.Entity<Department>(b =>
        {
            b.ToTable("departments");
            b.HasKey(d => d.Id);
            b.Property(d => d.Id).ValueGeneratedNever();
            b.Property(d => d.Name).HasMaxLength(Department.MaxNameLength);
            b.HasIndex(d => new { d.OrganizationId, d.ParentId });
            b.HasOne<Organization>().WithMany().HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Restrict);
            // A department with sub-departments cannot be deleted (the API answers 409 first).
            b.HasOne<Department>().WithMany().HasForeignKey(d => d.ParentId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<PlatformUser>().WithMany().HasForeignKey(d => d.HeadUserId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<DepartmentMember>(b =>
        {
            b.ToTable("department_members");
            b.HasKey(m => new { m.DepartmentId, m.UserId });
            b.HasIndex(m => new { m.OrganizationId, m.UserId });
            b.HasOne<Department>().WithMany().HasForeignKey(m => m.DepartmentId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<PlatformUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Role>(b =>
        {
            b.ToTable("roles");
            b.HasKey(r => r.Id);
            b.Property(r => r.Id).ValueGeneratedNever();
            b.Property(r => r.Name).HasMaxLength(Role.MaxNameLength);
            b.HasIndex(r => new { r.OrganizationId, r.Name }).IsUnique();
            b.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<RoleMember>(b =>
        {
            b.ToTable("role_members");
            b.HasKey(m => new { m.RoleId, m.UserId });
            b.HasIndex(m => new { m.OrganizationId, m.UserId });
            b.HasOne<Role>().WithMany().HasForeignKey(m => m.RoleId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<PlatformUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<BotKey>(b =>
        {
            b.ToTable("bot_keys");
            b.HasKey(k => k.Id);
            b.Property(k => k.Id).ValueGeneratedNever();
            b.Property(k => k.Hint).HasMaxLength(16);
            // Every bot request looks its key up by hash.
            b.HasIndex(k => k.KeyHash).IsUnique();
            b.HasIndex(k => k.UserId);
            b.HasOne<PlatformUser>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running host.</summary>
internal sealed class IdentityDbContextDesignFactory : IDesignTimeDbContextFactory<IdentityDbContext>
{
    public IdentityDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<IdentityDbContext>()
            .UseNpgsql("Host=design-time", o => o.MigrationsHistoryTable("__ef_migrations_history", IdentityDbContext.Schema))
            .Options);
}
