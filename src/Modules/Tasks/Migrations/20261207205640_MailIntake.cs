using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Modules.Tasks.Migrations
{
    /// <inheritdoc />
    public partial class MailIntake : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "correspondents",
                schema: "tasks",
                table: "tasks",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]"); // existing tasks have no correspondents (EF proposed "", which is not JSON)

            migrationBuilder.AddColumn<string>(
                name: "external_author",
                schema: "tasks",
                table: "task_comments",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "sent_by_email",
                schema: "tasks",
                table: "task_comments",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "correspondents",
                schema: "tasks",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "external_author",
                schema: "tasks",
                table: "task_comments");

            migrationBuilder.DropColumn(
                name: "sent_by_email",
                schema: "tasks",
                table: "task_comments");
        }
    }
}
