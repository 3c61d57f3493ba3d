using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samspil.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CareCommunication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CareCommunicationEnvelopes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Direction = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    MessageHeaderId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RespondsTo = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Raw = table.Column<string>(type: "text", nullable: false),
                    RawTruncated = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ErrorCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ErrorDetail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Activity = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    PartyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PartySor = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    PartyEan = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    CprHint = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    CitizenId = table.Column<Guid>(type: "uuid", nullable: true),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    DuplicatesReceived = table.Column<int>(type: "integer", nullable: false),
                    DecidedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareCommunicationEnvelopes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CareCommunicationEnvelopes_Citizens_CitizenId",
                        column: x => x.CitizenId,
                        principalTable: "Citizens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ExternalMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CitizenId = table.Column<Guid>(type: "uuid", nullable: false),
                    EnvelopeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Direction = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ConversationMessageId = table.Column<Guid>(type: "uuid", nullable: true),
                    PartyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PartySor = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    PartyEan = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Topic = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    AuthorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AuthorRole = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    MessageHeaderId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Activity = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    InResponseTo = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AttachmentTitles = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExternalMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExternalMessages_CareCommunicationEnvelopes_EnvelopeId",
                        column: x => x.EnvelopeId,
                        principalTable: "CareCommunicationEnvelopes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ExternalMessages_Citizens_CitizenId",
                        column: x => x.CitizenId,
                        principalTable: "Citizens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ExternalMessages_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CareCommunicationEnvelopes_CitizenId",
                table: "CareCommunicationEnvelopes",
                column: "CitizenId");

            migrationBuilder.CreateIndex(
                name: "IX_CareCommunicationEnvelopes_Direction_MessageHeaderId",
                table: "CareCommunicationEnvelopes",
                columns: new[] { "Direction", "MessageHeaderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CareCommunicationEnvelopes_RespondsTo",
                table: "CareCommunicationEnvelopes",
                column: "RespondsTo");

            migrationBuilder.CreateIndex(
                name: "IX_CareCommunicationEnvelopes_Status_At",
                table: "CareCommunicationEnvelopes",
                columns: new[] { "Status", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ExternalMessages_CitizenId",
                table: "ExternalMessages",
                column: "CitizenId");

            migrationBuilder.CreateIndex(
                name: "IX_ExternalMessages_ConversationId",
                table: "ExternalMessages",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_ExternalMessages_EnvelopeId",
                table: "ExternalMessages",
                column: "EnvelopeId");

            migrationBuilder.CreateIndex(
                name: "IX_ExternalMessages_MessageHeaderId",
                table: "ExternalMessages",
                column: "MessageHeaderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExternalMessages");

            migrationBuilder.DropTable(
                name: "CareCommunicationEnvelopes");
        }
    }
}
