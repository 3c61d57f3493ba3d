using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samspil.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GlossaryAndFrames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActorFrames",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Laws = table.Column<string>(type: "TEXT", nullable: false),
                    Deadlines = table.Column<string>(type: "TEXT", nullable: false),
                    Methods = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActorFrames", x => x.Kind);
                });

            migrationBuilder.CreateTable(
                name: "GlossaryTerms",
                columns: table => new
                {
                    Slug = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Term = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Synonyms = table.Column<string>(type: "TEXT", nullable: false),
                    CodeIdentifier = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    NameAr = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    NameFa = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    NameUk = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ExplanationDa = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ExplanationEn = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ExplanationAr = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ExplanationFa = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ExplanationUk = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SectorMeanings = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GlossaryTerms", x => x.Slug);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActorFrames");

            migrationBuilder.DropTable(
                name: "GlossaryTerms");
        }
    }
}
