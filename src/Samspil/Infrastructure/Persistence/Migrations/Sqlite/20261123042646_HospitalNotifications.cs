using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samspil.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HospitalNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InboundMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReceivedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceivedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    BundleId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Raw = table.Column<string>(type: "TEXT", nullable: false),
                    RawTruncated = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ErrorCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ErrorDetail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    EventCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Department = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SenderSor = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ReceiverSor = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    CprHint = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CitizenId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    DuplicatesReceived = table.Column<int>(type: "INTEGER", nullable: false),
                    LastDuplicateAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MatchedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MatchedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    MatchedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboundMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InboundMessages_Citizens_CitizenId",
                        column: x => x.CitizenId,
                        principalTable: "Citizens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HospitalEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CitizenId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InboundMessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StayClass = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EpisodeIdentifier = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StayStart = table.Column<long>(type: "INTEGER", nullable: false),
                    StayEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    Department = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DepartmentSor = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Hospital = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReplacesEventId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StatusChangedByMessageId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    StatusChangedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HospitalEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HospitalEvents_Citizens_CitizenId",
                        column: x => x.CitizenId,
                        principalTable: "Citizens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_HospitalEvents_InboundMessages_InboundMessageId",
                        column: x => x.InboundMessageId,
                        principalTable: "InboundMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HospitalEvents_CitizenId_Status",
                table: "HospitalEvents",
                columns: new[] { "CitizenId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_HospitalEvents_InboundMessageId",
                table: "HospitalEvents",
                column: "InboundMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_HospitalEvents_MessageId",
                table: "HospitalEvents",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_CitizenId",
                table: "InboundMessages",
                column: "CitizenId");

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_MessageId",
                table: "InboundMessages",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_Status_ReceivedAt",
                table: "InboundMessages",
                columns: new[] { "Status", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HospitalEvents");

            migrationBuilder.DropTable(
                name: "InboundMessages");
        }
    }
}
