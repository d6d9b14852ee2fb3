using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Modules.Tasks.Migrations
{
    /// <inheritdoc />
    public partial class TaskFieldsAndInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "closed_at",
                schema: "tasks",
                table: "tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "due_at",
                schema: "tasks",
                table: "tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "due_date",
                schema: "tasks",
                table: "tasks",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "duration_minutes",
                schema: "tasks",
                table: "tasks",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "version",
                schema: "tasks",
                table: "tasks",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "changes",
                schema: "tasks",
                table: "task_comments",
                type: "jsonb",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "spent_minutes",
                schema: "tasks",
                table: "task_comments",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "task_user_states",
                schema: "tasks",
                columns: table => new
                {
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    dismissed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    snoozed_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_user_states", x => new { x.task_id, x.user_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_organization_id_due_at",
                schema: "tasks",
                table: "tasks",
                columns: new[] { "organization_id", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_organization_id_due_date",
                schema: "tasks",
                table: "tasks",
                columns: new[] { "organization_id", "due_date" });

            migrationBuilder.CreateIndex(
                name: "ix_task_user_states_organization_id_user_id",
                schema: "tasks",
                table: "task_user_states",
                columns: new[] { "organization_id", "user_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "task_user_states",
                schema: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_tasks_organization_id_due_at",
                schema: "tasks",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_tasks_organization_id_due_date",
                schema: "tasks",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "closed_at",
                schema: "tasks",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "due_at",
                schema: "tasks",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "due_date",
                schema: "tasks",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "duration_minutes",
                schema: "tasks",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "version",
                schema: "tasks",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "changes",
                schema: "tasks",
                table: "task_comments");

            migrationBuilder.DropColumn(
                name: "spent_minutes",
                schema: "tasks",
                table: "task_comments");
        }
    }
}
