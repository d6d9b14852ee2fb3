using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Modules.Files.Migrations
{
    /// <inheritdoc />
    public partial class PreviewRequeues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "preview_requeues",
                schema: "files",
                table: "files",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "preview_requeues",
                schema: "files",
                table: "files");
        }
    }
}
