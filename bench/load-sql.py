#!/usr/bin/env python3
"""Turns the statements one captured request sent (PostgreSQL log, log_statement = all, between the markers
'samspil-capture-begin KIND' and 'samspil-capture-end KIND' that `load-run --once` writes) into a pgbench script.

   bench/load-sql.py --log PGLOG --kind plan --ids IDS.tsv [--rows N] > plan.sql

Each statement becomes one pgbench command, in the order the application sent it (BEGIN/COMMIT and the access-log append
included, as sent), with its bound parameters written in as literals. Ids of the captured course (course, citizen, plan,
conversation, member, goal, consent, and the reader's user, professional, practitioner role and organisation: IDS.tsv holds
`name<TAB>value` of bench_course row 1) become pgbench variables, looked up per transaction from bench_course at a random
row 1..N (one extra statement, an index probe), so the clients spread over the same courses as the load driver's.
Statements of other sessions in the capture window (the marker session's own) are left out; the application's sessions
are told apart from them by process id.
"""
import argparse
import re
import sys

ENTRY = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[(\d+)\] (\w+):  (.*)$")
PARAM = re.compile(r"\$(\d+) = (NULL|'((?:[^']|'')*)')")
PLACEHOLDER = re.compile(r"\$(\d+)(?!\d)")
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def entries(path):
    current = None
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            line = line.rstrip("\n")
            m = ENTRY.match(line)
            if m:
                if current:
                    yield current
                current = [int(m.group(1)), m.group(2), m.group(3)]
            elif current is not None:
                current[2] += "\n" + line.lstrip("\t")
    if current:
        yield current


def statements(path, kind):
    inside, marker_pid, result = False, None, []
    for pid, level, text in entries(path):
        if f"samspil-capture-begin {kind}'" in text:
            inside, marker_pid = True, pid
            continue
        if f"samspil-capture-end {kind}'" in text:
            break
        if not inside or pid == marker_pid:
            continue
        if level == "LOG":
            m = re.match(r"(?:statement|execute [^:]*): (.*)", text, re.S)
            if m:
                result.append([pid, m.group(1).strip(), {}])
        elif level == "DETAIL" and text.startswith("parameters:") and result and result[-1][0] == pid:
            result[-1][2] = {int(n): (None if v == "NULL" else inner) for n, v, inner in PARAM.findall(text)}
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", required=True)
    parser.add_argument("--kind", required=True)
    parser.add_argument("--ids", required=True)
    parser.add_argument("--rows", type=int, required=True)
    args = parser.parse_args()
    ids = {}
    with open(args.ids, encoding="utf-8") as f:
        for line in f:
            name, value = line.rstrip("\n").split("\t")
            ids[value.lower()] = name
    captured = statements(args.log, args.kind)
    if not captured:
        sys.exit(f"no statements captured for {args.kind}")
    out = [f"\\set n random(1, {args.rows})",
           "SELECT " + ", ".join(sorted(set(ids.values()))) + " FROM bench_course WHERE n = :n \\gset"]
    for _, sql, params in captured:
        def literal(m):
            n = int(m.group(1))
            if n not in params:
                return m.group(0)
            value = params[n]
            if value is None:
                return "NULL"
            if value.lower() in ids:
                return ":" + ids[value.lower()]
            quoted = "'" + value.replace("'", "''") + "'"
            # pgbench would read ":name" inside the text as a variable; spell such a colon as chr(58).
            return "(" + re.sub(r":(?=[A-Za-z_])", "' || chr(58) || '", quoted) + ")" if re.search(r":[A-Za-z_]", value) else quoted
        sql = PLACEHOLDER.sub(literal, sql)
        # Ids written into the SQL text itself (e.g. inside an array literal) stay the captured course's.
        out.append(" ".join(sql.split()) + ";")
    print("\n".join(out))
    print(f"-- {len(captured)} statements captured for {args.kind}", file=sys.stderr)


if __name__ == "__main__":
    main()
