#!/usr/bin/env bash
# narrow-grants.sh SCHEMA USER HOST APPEND_ONLY_FILE < existing-table-names
#
# Prints the SQL (to run as root, after the service's migrations) that narrows a service user's
# privileges on its schema: everything service_schema.sql.in grants except UPDATE, DELETE and
# DROP at schema level, then UPDATE and DELETE on every existing table of the schema that is not
# listed in APPEND_ONLY_FILE (one table per line, # comments). A service without such a file keeps
# GRANT ALL. Run again after migrations that add tables (deploy/local/lib.sh does on every up).
set -euo pipefail
schema="$1" user="$2" host="$3" file="$4"
[[ "$schema" =~ ^[A-Za-z0-9_]+$ && "$user" =~ ^[A-Za-z0-9_]+$ ]] || {
  echo "narrow-grants.sh: bad schema or user" >&2
  exit 2
}
declare -A append_only=()
while read -r t; do
  [[ -z "$t" || "$t" == \#* ]] || append_only["$t"]=1
done <"$file"
who="'$user'@'$host'"
echo "REVOKE ALL PRIVILEGES ON \`$schema\`.* FROM $who;"
echo "GRANT SELECT, INSERT, CREATE, ALTER, INDEX, REFERENCES, CREATE TEMPORARY TABLES, LOCK TABLES," \
  "EXECUTE, CREATE VIEW, SHOW VIEW ON \`$schema\`.* TO $who;"
while read -r t; do
  [[ -n "$t" ]] || continue
  [[ "$t" =~ ^[A-Za-z0-9_]+$ ]] || continue
  [[ -n "${append_only[$t]:-}" ]] && continue
  echo "GRANT UPDATE, DELETE ON \`$schema\`.\`$t\` TO $who;"
done
