namespace Samspil.Benchmarks.Screening;

/// <summary>
/// The screening rules of <see cref="Samspil.Domain.Screening.ReadmissionScreening"/> written as one
/// PostgreSQL query with window functions, for the benchmark's comparison.
/// </summary>
internal static class ScreeningSql
{
    public const string CreateTable = """
        DROP TABLE IF EXISTS screening_admission;
        CREATE UNLOGGED TABLE screening_admission (
            person_key        text COLLATE "C" NOT NULL,
            municipality_code text COLLATE "C" NOT NULL,
            region_code       text COLLATE "C" NOT NULL,
            admission_start   timestamptz NOT NULL,
            admission_end     timestamptz NOT NULL,
            acute             boolean NOT NULL,
            department        text NOT NULL);
        """;

    public const string CopyIn = "COPY screening_admission (person_key, municipality_code, region_code, admission_start, admission_end, acute, department) FROM STDIN (FORMAT BINARY)";

    public const string CreateIndex = "CREATE INDEX screening_admission_person_start ON screening_admission (person_key, admission_start)";

    public const string Analyze = "VACUUM ANALYZE screening_admission";

    /// <summary>What Samspil reads: the columns the rules use, in the order the engine needs.</summary>
    public const string CopyOutSorted = "COPY (" + SortedInput + ") TO STDOUT (FORMAT BINARY)";

    public const string SortedInput = """
        SELECT person_key, municipality_code, region_code, admission_start, admission_end, acute
        FROM screening_admission ORDER BY person_key, admission_start
        """;

    /// <summary>The same for one key range [from, to) (null: unbounded); keys are visible ASCII, quotes doubled.</summary>
    public static string CopyOutSortedRange(string? from, string? to)
    {
        var conditions = new List<string>();
        if (from is not null)
        {
            conditions.Add("person_key >= " + Literal(from));
        }

        if (to is not null)
        {
            conditions.Add("person_key < " + Literal(to));
        }

        var where = conditions.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", conditions);
        return "COPY (SELECT person_key, municipality_code, region_code, admission_start, admission_end, acute FROM screening_admission"
            + where + " ORDER BY person_key, admission_start) TO STDOUT (FORMAT BINARY)";
    }

    /// <summary>Evenly spaced person keys from the planner's statistics, to split the input into ranges of similar size.</summary>
    public const string KeyHistogram = """
        SELECT histogram_bounds::text::text[] FROM pg_stats
        WHERE schemaname = current_schema() AND tablename = 'screening_admission' AND attname = 'person_key'
        """;

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// Per person: the rolling 365 × 24 h count (RANGE frame on the start, peers included), the latest
    /// discharge of stays that started strictly earlier (EXCLUDE GROUP drops equal starts), the
    /// Danish-calendar and Danish-clock rules, and the residence of the latest admission.
    /// </summary>
    private const string PersonCte = """
        scored AS (
            SELECT person_key, municipality_code, region_code, admission_start, admission_end, acute,
                   count(*) OVER (PARTITION BY person_key ORDER BY admission_start
                                  RANGE BETWEEN INTERVAL '8760 hours' PRECEDING AND CURRENT ROW) AS in_window,
                   max(admission_end) OVER (PARTITION BY person_key ORDER BY admission_start
                                  RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE GROUP) AS earlier_discharge,
                   admission_start AT TIME ZONE 'Europe/Copenhagen' AS local_start,
                   admission_end AT TIME ZONE 'Europe/Copenhagen' AS local_end
            FROM screening_admission
        ),
        person AS (
            SELECT person_key,
                   count(*) AS admissions,
                   max(in_window) AS max_in_12_months,
                   count(*) FILTER (WHERE acute AND earlier_discharge < admission_start
                                    AND admission_start <= earlier_discharge + INTERVAL '720 hours') AS readmissions,
                   count(*) FILTER (WHERE local_end::date - local_start::date <= 3) AS short_stays,
                   count(*) FILTER (WHERE extract(isodow FROM local_end) >= 6
                                    OR local_end::time < TIME '08:00' OR local_end::time >= TIME '16:00') AS outside_daytime,
                   (array_agg(municipality_code ORDER BY admission_start DESC, admission_end DESC, municipality_code DESC, region_code DESC))[1] AS municipality_code,
                   (array_agg(region_code ORDER BY admission_start DESC, admission_end DESC, municipality_code DESC, region_code DESC))[1] AS region_code
            FROM scored
            GROUP BY person_key
        )
        """;

    /// <summary>Every person's figures, ordered by key (for the full verification; not timed).</summary>
    public const string PerPerson = "WITH " + PersonCte + """
        SELECT person_key, municipality_code, region_code, admissions, max_in_12_months, readmissions, short_stays, outside_daytime
        FROM person ORDER BY person_key
        """;

    /// <summary>
    /// The timed query: what the analysis committee gets — the top N per region and per municipality
    /// (same order as <see cref="Samspil.Domain.Screening.ScreeningRanking.Order"/>) and the totals.
    /// </summary>
    public const string Report = "WITH " + PersonCte + """
        ,
        ranked AS (
            SELECT 'region' AS kind, region_code AS area, person_key, municipality_code, region_code,
                   admissions, max_in_12_months, readmissions, short_stays, outside_daytime,
                   row_number() OVER (PARTITION BY region_code
                                      ORDER BY max_in_12_months DESC, readmissions DESC, admissions DESC, person_key) AS rank
            FROM person
            UNION ALL
            SELECT 'municipality', municipality_code, person_key, municipality_code, region_code,
                   admissions, max_in_12_months, readmissions, short_stays, outside_daytime,
                   row_number() OVER (PARTITION BY municipality_code
                                      ORDER BY max_in_12_months DESC, readmissions DESC, admissions DESC, person_key)
            FROM person
        )
        SELECT kind, area, rank, person_key, municipality_code, region_code,
               admissions, max_in_12_months, readmissions, short_stays, outside_daytime
        FROM ranked WHERE rank <= @top
        UNION ALL
        SELECT 'total', '', count(*), '', '', '',
               sum(admissions)::bigint, count(*) FILTER (WHERE max_in_12_months >= 4), sum(readmissions)::bigint,
               sum(short_stays)::bigint, sum(outside_daytime)::bigint
        FROM person
        UNION ALL
        SELECT 'total-readmitted', '', count(*) FILTER (WHERE readmissions > 0), '', '', '', 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint
        FROM person
        """;
}
