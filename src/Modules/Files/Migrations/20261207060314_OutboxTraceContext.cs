using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Modules.Files.Migrations
{
    /// <inheritdoc />
    public partial class OutboxTraceContext : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "trace_parent",
                schema: "files",
                table: "outbox_messages",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "trace_state",
                schema: "files",
                table: "outbox_messages",
                type: "character varying(8192)",
                maxLength: 8192,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "trace_parent",
                schema: "files",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "trace_state",
                schema: "files",
                table: "outbox_messages");
        }
    }
}
