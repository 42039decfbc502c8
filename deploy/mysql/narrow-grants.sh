#!/usr/bin/env bash
# narrow-grants.sh SCHEMA USER HOST APPEND_ONLY_FILE < existing-table-names
#
# Prints the SQL (to run as root, after the service's migrations) that narrows a service's runtime
# user on its schema for append-only tables: the schema-level data privileges of
# service_schema.sql.in (SELECT, INSERT, UPDATE, DELETE) become SELECT and INSERT, then UPDATE and
# DELETE are granted on every existing table of the schema that is not listed in APPEND_ONLY_FILE
# (one table per line, # comments). Runtime users never hold DDL (CREATE, ALTER, DROP): that is the
# migration user's. Run again after migrations that add tables: deploy/local/lib.sh
# (narrow_service_grants) does after every migration run, for every service that has such a file.
# `_` is escaped in the schema-level grants: unescaped it is a wildcard (auxpro_points.* would also
# cover a schema auxproXpoints).
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
pattern="${schema//_/\\_}"
# Every earlier grant of this user (schema or table level, escaped or not) goes first.
echo "GRANT USAGE ON *.* TO $who;"
echo "REVOKE ALL PRIVILEGES, GRANT OPTION FROM $who;"
echo "GRANT SELECT, INSERT ON \`$pattern\`.* TO $who;"
while read -r t; do
  [[ -n "$t" ]] || continue
  [[ "$t" =~ ^[A-Za-z0-9_]+$ ]] || continue
  [[ -n "${append_only[$t]:-}" ]] && continue
  echo "GRANT UPDATE, DELETE ON \`$schema\`.\`$t\` TO $who;"
done
