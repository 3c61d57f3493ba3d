using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samspil.Infrastructure.Persistence.Migrations.Postgres
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
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CitizenId = table.Column<Guid>(type: "uuid", nullable: false),
                    AllowedFrom = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    AllowedTo = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    PreferredFrom = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    PreferredTo = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    MaxPeople = table.Column<int>(type: "integer", nullable: true),
                    AvoidPlaces = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    ProfessionalId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkDays = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    WorkStart = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    WorkEnd = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    NetworkSlotDay = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    NetworkSlotStart = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    NetworkSlotEnd = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    InterpreterLanguages = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CalendarFeedUrl = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CalendarIcs = table.Column<string>(type: "character varying(2097152)", maxLength: 2097152, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
