#!/usr/bin/env python3
"""Prints the PostgreSQL DDL of the access-log tables (every table whose name starts with "AccessLog"), their seeded
rows and indexes, and the hand-written SQL of the PostgreSQL InitialCreate migration, read from the migration's C#
source (a file, or `git show REV:path` output on stdin). Used by bench/access-log-append.sh to build the schema of
any revision without building it. Handles only what EF Core's CreateTable/CreateIndex/InsertData emit for these tables."""
import re, sys

src = open(sys.argv[1]).read() if len(sys.argv) > 1 else sys.stdin.read()
up = src[src.index("protected override void Up("):src.index("protected override void Down(")]
out = []

for m in re.finditer(r'migrationBuilder\.CreateTable\(\s*name: "(AccessLog\w*)",\s*columns: table => new\s*\{(.*?)\},\s*constraints: table =>\s*\{(.*?)\n\s*\}\);', up, re.S):
    name, cols, cons = m.groups()
    lines = []
    for c in re.finditer(r'(\w+) = table\.Column<[^>]+>\((.*?)\)(?:,|\s*$)', cols, re.M):
        col, args = c.groups()
        typ = re.search(r'type: "([^"]+)"', args).group(1)
        null = "NULL" if "nullable: true" in args else "NOT NULL"
        default = re.search(r'defaultValue: (-?\d+)L?', args)
        lines.append(f'"{col}" {typ} {null}' + (f" DEFAULT {default.group(1)}" if default else ""))
    pk = re.search(r'table\.PrimaryKey\("([^"]+)", x => (?:x\.(\w+)|new \{ (.*?) \})', cons)
    pkcols = [pk.group(2)] if pk.group(2) else [p.strip().removeprefix("x.") for p in pk.group(3).split(",")]
    lines.append(f'CONSTRAINT "{pk.group(1)}" PRIMARY KEY (' + ", ".join(f'"{p}"' for p in pkcols) + ")")
    for fk in re.finditer(r'table\.ForeignKey\(\s*name: "([^"]+)",\s*column: x => x\.(\w+),\s*principalTable: "(\w+)",\s*principalColumn: "(\w+)"', cons):
        lines.append(f'CONSTRAINT "{fk.group(1)}" FOREIGN KEY ("{fk.group(2)}") REFERENCES "{fk.group(3)}" ("{fk.group(4)}")')
    out.append(f'CREATE TABLE "{name}" (\n    ' + ",\n    ".join(lines) + "\n);")

for m in re.finditer(r'migrationBuilder\.InsertData\(\s*table: "(AccessLog\w*)",\s*columns: new\[\] \{ (.*?) \},\s*values: new object\[\] \{ (.*?) \}\);', up, re.S):
    table, cols, vals = m.groups()
    vals = [v.strip().removesuffix("L").replace('"', "'") for v in vals.split(",")]
    out.append(f'INSERT INTO "{table}" ({cols}) VALUES ({", ".join(vals)});')

for m in re.finditer(r'migrationBuilder\.CreateIndex\(\s*name: "([^"]+)",\s*table: "(AccessLog\w*)",\s*(?:column: "(\w+)"|columns: new\[\] \{ (.*?) \})(.*?)\);', up, re.S):
    name, table, col, cols, rest = m.groups()
    cols = [col] if col else [c.strip().strip('"') for c in cols.split(",")]
    unique = "UNIQUE " if "unique: true" in rest else ""
    filt = re.search(r'filter: "((?:[^"\\]|\\.)*)"', rest)
    where = f" WHERE {filt.group(1).replace(chr(92) + chr(34), chr(34))}" if filt else ""
    out.append(f'CREATE {unique}INDEX "{name}" ON "{table}" (' + ", ".join(f'"{c}"' for c in cols) + f"){where};")

block = up[up.index("// Hand-written"):]
for m in re.finditer(r'migrationBuilder\.Sql\("""\n(.*?)\n\s*"""\);', block, re.S):
    out.append(m.group(1).strip() if m.group(1).strip().endswith(";") else m.group(1).strip() + ";")

print("\n\n".join(out))
