using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Samspil.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccessLogAppendFunction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Appends one access-log entry in a single round trip: locks the chain head, computes the
            // same SHA-256 chain hash as AccessLogEntry.ComputeHash (field order and separator must
            // match it exactly), inserts the entry and advances the head.
            migrationBuilder.Sql("""
                CREATE FUNCTION samspil_append_access_log(
                    p_at timestamptz, p_ticks bigint, p_user_id uuid, p_user_name text, p_organization_id uuid,
                    p_citizen_id uuid, p_category text, p_category_n int, p_action text, p_action_n int,
                    p_resource_type text, p_resource_id uuid, p_basis text, p_basis_n int, p_consent_id uuid,
                    p_consent_version int, p_legal_basis_code text, p_purpose text, p_purpose_n int, p_request_id text)
                RETURNS bigint LANGUAGE plpgsql AS $$
                DECLARE
                    v_sequence bigint;
                    v_previous text;
                    v_hash text;
                BEGIN
                    SELECT "Sequence" + 1, "Hash" INTO v_sequence, v_previous FROM "AccessLogHead" WHERE "Id" = 1 FOR UPDATE;
                    IF NOT FOUND THEN
                        RAISE EXCEPTION 'access log head is missing';
                    END IF;
                    v_hash := encode(sha256(convert_to(concat_ws(chr(31),
                        'v1', v_sequence::text, p_ticks::text, replace(p_user_id::text, '-', ''), p_user_name,
                        coalesce(replace(p_organization_id::text, '-', ''), '-'), replace(p_citizen_id::text, '-', ''),
                        p_category_n::text, p_action_n::text, p_resource_type, coalesce(replace(p_resource_id::text, '-', ''), '-'),
                        p_basis_n::text, coalesce(replace(p_consent_id::text, '-', ''), '-'), coalesce(p_consent_version::text, '-'),
                        coalesce(p_legal_basis_code, '-'), p_purpose_n::text, p_request_id, v_previous), 'UTF8')), 'hex');
                    INSERT INTO "AccessLog" ("Sequence", "At", "UserId", "UserName", "OrganizationId", "CitizenId", "Category", "Action",
                        "ResourceType", "ResourceId", "Basis", "ConsentId", "ConsentVersion", "LegalBasisCode", "Purpose", "RequestId", "PreviousHash", "Hash")
                    VALUES (v_sequence, p_at, p_user_id, p_user_name, p_organization_id, p_citizen_id, p_category, p_action,
                        p_resource_type, p_resource_id, p_basis, p_consent_id, p_consent_version, p_legal_basis_code, p_purpose, p_request_id, v_previous, v_hash);
                    UPDATE "AccessLogHead" SET "Sequence" = v_sequence, "Hash" = v_hash WHERE "Id" = 1;
                    RETURN v_sequence;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION samspil_append_access_log;");
        }
    }
}
