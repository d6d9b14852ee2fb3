using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Modules.Tasks.Migrations
{
    /// <inheritdoc />
    public partial class RegisterParticipantForm : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "form_template_id",
                schema: "tasks",
                table: "task_participants",
                type: "uuid",
                nullable: true);

            // Existing participant rows of form tasks take their task's form (before the index, so it is built once).
            migrationBuilder.Sql("""
                UPDATE tasks.task_participants p SET form_template_id = t.form_template_id
                FROM tasks.tasks t WHERE t.id = p.task_id AND t.form_template_id IS NOT NULL;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_tasks_organization_id_form_template_id_created_at",
                schema: "tasks",
                table: "tasks",
                columns: new[] { "organization_id", "form_template_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_task_participants_organization_id_user_id_form_template_id_~",
                schema: "tasks",
                table: "task_participants",
                columns: new[] { "organization_id", "user_id", "form_template_id", "task_updated_at", "task_id" },
                descending: new[] { false, false, false, true, true },
                filter: "form_template_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tasks_organization_id_form_template_id_created_at",
                schema: "tasks",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_task_participants_organization_id_user_id_form_template_id_~",
                schema: "tasks",
                table: "task_participants");

            migrationBuilder.DropColumn(
                name: "form_template_id",
                schema: "tasks",
                table: "task_participants");
        }
    }
}
