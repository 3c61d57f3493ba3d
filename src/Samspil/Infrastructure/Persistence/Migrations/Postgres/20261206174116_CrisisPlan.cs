using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samspil.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CrisisPlan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CrisisPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CitizenId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    UpdatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UpdatedByKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrisisPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrisisPlans_Citizens_CitizenId",
                        column: x => x.CitizenId,
                        principalTable: "Citizens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CrisisPlans_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CrisisPlanVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    CitizenId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ByKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Snapshot = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrisisPlanVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrisisPlanVersions_CrisisPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "CrisisPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CrisisPlans_CitizenId",
                table: "CrisisPlans",
                column: "CitizenId");

            migrationBuilder.CreateIndex(
                name: "IX_CrisisPlans_CourseId",
                table: "CrisisPlans",
                column: "CourseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CrisisPlanVersions_PlanId_Version",
                table: "CrisisPlanVersions",
                columns: new[] { "PlanId", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CrisisPlanVersions");

            migrationBuilder.DropTable(
                name: "CrisisPlans");
        }
    }
}
