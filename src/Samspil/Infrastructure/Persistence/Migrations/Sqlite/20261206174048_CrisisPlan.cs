using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samspil.Infrastructure.Persistence.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CitizenId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpdatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UpdatedByKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CitizenId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ByKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Snapshot = table.Column<string>(type: "TEXT", nullable: false)
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
