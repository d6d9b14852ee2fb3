using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Modules.Tasks.Migrations
{
    /// <inheritdoc />
    public partial class ParticipantActivityOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_task_participants_organization_id_user_id_task_id",
                schema: "tasks",
                table: "task_participants");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "task_updated_at",
                schema: "tasks",
                table: "task_participants",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Existing rows take their task's current activity time.
            migrationBuilder.Sql("UPDATE tasks.task_participants p SET task_updated_at = t.updated_at FROM tasks.tasks t WHERE t.id = p.task_id;");

            migrationBuilder.CreateIndex(
                name: "ix_task_participants_organization_id_user_id_task_updated_at_t~",
                schema: "tasks",
                table: "task_participants",
                columns: new[] { "organization_id", "user_id", "task_updated_at", "task_id" },
                descending: new[] { false, false, true, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_task_participants_organization_id_user_id_task_updated_at_t~",
                schema: "tasks",
                table: "task_participants");

            migrationBuilder.DropColumn(
                name: "task_updated_at",
                schema: "tasks",
                table: "task_participants");

            migrationBuilder.CreateIndex(
                name: "ix_task_participants_organization_id_user_id_task_id",
                schema: "tasks",
                table: "task_participants",
                columns: new[] { "organization_id", "user_id", "task_id" });
        }
    }
}
