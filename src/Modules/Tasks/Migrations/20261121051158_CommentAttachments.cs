using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Modules.Tasks.Migrations
{
    /// <inheritdoc />
    public partial class CommentAttachments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "attachments",
                schema: "tasks",
                table: "task_comments",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]"); // existing entries have no attachments (EF proposed "", which is not JSON)
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "attachments",
                schema: "tasks",
                table: "task_comments");
        }
    }
}
