using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samspil.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SmartApps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SmartApps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    RedirectUris = table.Column<string>(type: "TEXT", nullable: false),
                    AllowedScopes = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DisabledAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmartApps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SmartAppGrants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AppId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Scopes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    GrantedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastTokenAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CodeChallenge = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    CodeRedirectUri = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CodeExpiresAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmartAppGrants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SmartAppGrants_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SmartAppGrants_SmartApps_AppId",
                        column: x => x.AppId,
                        principalTable: "SmartApps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SmartAppGrants_AppId",
                table: "SmartAppGrants",
                column: "AppId");

            migrationBuilder.CreateIndex(
                name: "IX_SmartAppGrants_CodeHash",
                table: "SmartAppGrants",
                column: "CodeHash");

            migrationBuilder.CreateIndex(
                name: "IX_SmartAppGrants_UserId_AppId",
                table: "SmartAppGrants",
                columns: new[] { "UserId", "AppId" });

            migrationBuilder.CreateIndex(
                name: "IX_SmartApps_ClientId",
                table: "SmartApps",
                column: "ClientId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SmartAppGrants");

            migrationBuilder.DropTable(
                name: "SmartApps");
        }
    }
}
