using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Modules.Tasks.Migrations
{
    /// <inheritdoc />
    public partial class FormTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "form_template_id",
                schema: "tasks",
                table: "tasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "form_values",
                schema: "tasks",
                table: "tasks",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "form_version",
                schema: "tasks",
                table: "tasks",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<Guid[]>(
                name: "pending_approver_ids",
                schema: "tasks",
                table: "tasks",
                type: "uuid[]",
                nullable: false,
                defaultValue: new Guid[0]);

            migrationBuilder.AddColumn<string>(
                name: "route_state",
                schema: "tasks",
                table: "tasks",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_tasks_organization_id_form_template_id_updated_at",
                schema: "tasks",
                table: "tasks",
                columns: new[] { "organization_id", "form_template_id", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_pending_approver_ids",
                schema: "tasks",
                table: "tasks",
                column: "pending_approver_ids")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tasks_organization_id_form_template_id_updated_at",
                schema: "tasks",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_tasks_pending_approver_ids",
                schema: "tasks",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "form_template_id",
                schema: "tasks",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "form_values",
                schema: "tasks",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "form_version",
                schema: "tasks",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "pending_approver_ids",
                schema: "tasks",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "route_state",
                schema: "tasks",
                table: "tasks");
        }
    }
}
