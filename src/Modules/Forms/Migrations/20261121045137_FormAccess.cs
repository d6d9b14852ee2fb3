using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Modules.Forms.Migrations
{
    /// <inheritdoc />
    public partial class FormAccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "form_access",
                schema: "forms",
                columns: table => new
                {
                    template_id = table.Column<Guid>(type: "uuid", nullable: false),
                    right = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    principal_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    principal_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_form_access", x => new { x.template_id, x.right, x.principal_type, x.principal_id });
                    table.ForeignKey(
                        name: "fk_form_access_form_templates_template_id",
                        column: x => x.template_id,
                        principalSchema: "forms",
                        principalTable: "form_templates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "form_access",
                schema: "forms");
        }
    }
}
