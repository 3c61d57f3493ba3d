using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samspil.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MeetingAvailability : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MeetingPreferences",
                columns: table => new
                {
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CitizenId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AllowedFrom = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    AllowedTo = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    PreferredFrom = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    PreferredTo = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    MaxPeople = table.Column<int>(type: "INTEGER", nullable: true),
                    AvoidPlaces = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingPreferences", x => x.CourseId);
                    table.ForeignKey(
                        name: "FK_MeetingPreferences_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProfessionalAvailability",
                columns: table => new
                {
                    ProfessionalId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkDays = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    WorkStart = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    WorkEnd = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    NetworkSlotDay = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    NetworkSlotStart = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    NetworkSlotEnd = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    InterpreterLanguages = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CalendarFeedUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CalendarIcs = table.Column<string>(type: "TEXT", maxLength: 2097152, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProfessionalAvailability", x => x.ProfessionalId);
                    table.ForeignKey(
                        name: "FK_ProfessionalAvailability_Professionals_ProfessionalId",
                        column: x => x.ProfessionalId,
                        principalTable: "Professionals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MeetingPreferences");

            migrationBuilder.DropTable(
                name: "ProfessionalAvailability");
        }
    }
}
