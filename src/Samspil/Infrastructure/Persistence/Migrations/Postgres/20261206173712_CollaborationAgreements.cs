using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samspil.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CollaborationAgreements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CollaborationAgreements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    NextReviewOn = table.Column<DateOnly>(type: "date", nullable: true),
                    IsDraft = table.Column<bool>(type: "boolean", nullable: false),
                    TermsJson = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    UpdatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CollaborationAgreements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CollaborationAgreementDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AgreementId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UploadedByUserId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CollaborationAgreementDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CollaborationAgreementDocuments_CollaborationAgreements_Agr~",
                        column: x => x.AgreementId,
                        principalTable: "CollaborationAgreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CollaborationAgreementVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AgreementId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    TermsJson = table.Column<string>(type: "text", nullable: false),
                    ChangedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ChangedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CollaborationAgreementVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CollaborationAgreementVersions_CollaborationAgreements_Agre~",
                        column: x => x.AgreementId,
                        principalTable: "CollaborationAgreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CollaborationAgreementDocumentContents",
                columns: table => new
                {
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Bytes = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CollaborationAgreementDocumentContents", x => x.DocumentId);
                    table.ForeignKey(
                        name: "FK_CollaborationAgreementDocumentContents_CollaborationAgreeme~",
                        column: x => x.DocumentId,
                        principalTable: "CollaborationAgreementDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CollaborationAgreementDocuments_AgreementId",
                table: "CollaborationAgreementDocuments",
                column: "AgreementId");

            migrationBuilder.CreateIndex(
                name: "IX_CollaborationAgreements_NextReviewOn",
                table: "CollaborationAgreements",
                column: "NextReviewOn");

            migrationBuilder.CreateIndex(
                name: "IX_CollaborationAgreementVersions_AgreementId_Number",
                table: "CollaborationAgreementVersions",
                columns: new[] { "AgreementId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CollaborationAgreementDocumentContents");

            migrationBuilder.DropTable(
                name: "CollaborationAgreementVersions");

            migrationBuilder.DropTable(
                name: "CollaborationAgreementDocuments");

            migrationBuilder.DropTable(
                name: "CollaborationAgreements");
        }
    }
}
