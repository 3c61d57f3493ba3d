using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samspil.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ActionLoadAndFamily : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "HoursPerWeek",
                table: "PlanActions",
                type: "numeric(5,2)",
                precision: 5,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PausedReason",
                table: "PlanActions",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PeriodFrom",
                table: "PlanActions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PeriodTo",
                table: "PlanActions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ResumeOn",
                table: "PlanActions",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CourseChildren",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CitizenId = table.Column<Guid>(type: "uuid", nullable: false),
                    Label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AgeBand = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Awareness = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Support = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OfferingId = table.Column<Guid>(type: "uuid", nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CourseChildren", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CourseChildren_Citizens_CitizenId",
                        column: x => x.CitizenId,
                        principalTable: "Citizens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CourseChildren_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RelativeLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CitizenId = table.Column<Guid>(type: "uuid", nullable: false),
                    RelativeCourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    RelativeCitizenId = table.Column<Guid>(type: "uuid", nullable: false),
                    Relation = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CitizenConsentOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RelativeConsentOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RelativeLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RelativeLinks_Citizens_CitizenId",
                        column: x => x.CitizenId,
                        principalTable: "Citizens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RelativeLinks_Citizens_RelativeCitizenId",
                        column: x => x.RelativeCitizenId,
                        principalTable: "Citizens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RelativeLinks_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RelativeLinks_Courses_RelativeCourseId",
                        column: x => x.RelativeCourseId,
                        principalTable: "Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CourseChildren_CitizenId",
                table: "CourseChildren",
                column: "CitizenId");

            migrationBuilder.CreateIndex(
                name: "IX_CourseChildren_CourseId",
                table: "CourseChildren",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_RelativeLinks_CitizenId",
                table: "RelativeLinks",
                column: "CitizenId");

            migrationBuilder.CreateIndex(
                name: "IX_RelativeLinks_CourseId_RelativeCourseId",
                table: "RelativeLinks",
                columns: new[] { "CourseId", "RelativeCourseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RelativeLinks_RelativeCitizenId",
                table: "RelativeLinks",
                column: "RelativeCitizenId");

            migrationBuilder.CreateIndex(
                name: "IX_RelativeLinks_RelativeCourseId",
                table: "RelativeLinks",
                column: "RelativeCourseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CourseChildren");

            migrationBuilder.DropTable(
                name: "RelativeLinks");

            migrationBuilder.DropColumn(
                name: "HoursPerWeek",
                table: "PlanActions");

            migrationBuilder.DropColumn(
                name: "PausedReason",
                table: "PlanActions");

            migrationBuilder.DropColumn(
                name: "PeriodFrom",
                table: "PlanActions");

            migrationBuilder.DropColumn(
                name: "PeriodTo",
                table: "PlanActions");

            migrationBuilder.DropColumn(
                name: "ResumeOn",
                table: "PlanActions");
        }
    }
}
