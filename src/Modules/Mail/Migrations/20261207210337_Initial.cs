using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Modules.Mail.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "mail");

            migrationBuilder.CreateTable(
                name: "inbound_messages",
                schema: "mail",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    integration_id = table.Column<Guid>(type: "uuid", nullable: false),
                    uid_validity = table.Column<long>(type: "bigint", nullable: false),
                    uid = table.Column<long>(type: "bigint", nullable: false),
                    message_id = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: true),
                    from_address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    handled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbound_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "integrations",
                schema: "mail",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    imap = table.Column<string>(type: "jsonb", nullable: false),
                    folder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    processed_action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    processed_folder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    smtp = table.Column<string>(type: "jsonb", nullable: true),
                    list_id = table.Column<Guid>(type: "uuid", nullable: true),
                    responsible_id = table.Column<Guid>(type: "uuid", nullable: false),
                    participant_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    sender_policy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    uid_validity = table.Column<long>(type: "bigint", nullable: true),
                    last_uid = table.Column<long>(type: "bigint", nullable: false),
                    lease_holder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_checked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    last_error_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    idle_supported = table.Column<bool>(type: "boolean", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_integrations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "mail",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    trace_parent = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    trace_state = table.Column<string>(type: "character varying(8192)", maxLength: 8192, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outgoing_messages",
                schema: "mail",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    integration_id = table.Column<Guid>(type: "uuid", nullable: true),
                    task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    comment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    from_address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    from_name = table.Column<string>(type: "text", nullable: true),
                    recipients = table.Column<string>(type: "jsonb", nullable: false),
                    subject = table.Column<string>(type: "text", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    message_id = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: false),
                    in_reply_to = table.Column<string>(type: "text", nullable: true),
                    references = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outgoing_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "thread_messages",
                schema: "mail",
                columns: table => new
                {
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_id = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    integration_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_thread_messages", x => new { x.organization_id, x.message_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_inbound_messages_integration_id_message_id",
                schema: "mail",
                table: "inbound_messages",
                columns: new[] { "integration_id", "message_id" });

            migrationBuilder.CreateIndex(
                name: "ix_inbound_messages_integration_id_received_at",
                schema: "mail",
                table: "inbound_messages",
                columns: new[] { "integration_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_inbound_messages_integration_id_uid_validity_uid",
                schema: "mail",
                table: "inbound_messages",
                columns: new[] { "integration_id", "uid_validity", "uid" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_integrations_lease_until",
                schema: "mail",
                table: "integrations",
                column: "lease_until",
                filter: "enabled");

            migrationBuilder.CreateIndex(
                name: "ix_integrations_organization_id_name",
                schema: "mail",
                table: "integrations",
                columns: new[] { "organization_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_unpublished",
                schema: "mail",
                table: "outbox_messages",
                column: "occurred_at",
                filter: "published_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_messages_comment_id",
                schema: "mail",
                table: "outgoing_messages",
                column: "comment_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_messages_next_attempt_at",
                schema: "mail",
                table: "outgoing_messages",
                column: "next_attempt_at",
                filter: "status = 'pending'");

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_messages_organization_id_status_created_at",
                schema: "mail",
                table: "outgoing_messages",
                columns: new[] { "organization_id", "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_thread_messages_task_id",
                schema: "mail",
                table: "thread_messages",
                column: "task_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbound_messages",
                schema: "mail");

            migrationBuilder.DropTable(
                name: "integrations",
                schema: "mail");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "mail");

            migrationBuilder.DropTable(
                name: "outgoing_messages",
                schema: "mail");

            migrationBuilder.DropTable(
                name: "thread_messages",
                schema: "mail");
        }
    }
}
