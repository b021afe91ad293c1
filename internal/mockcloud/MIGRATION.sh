#!/bin/sh
# Re-applies the renames of the mock split (issue 14 item 3) to Go files
# that still use the old single-package mockcloud API. Temporary: the lead
# deletes it (and MIGRATION.sed) after merging.
#
#   sh internal/mockcloud/MIGRATION.sh [files...]   (default: every Go file
#   outside internal/mockcloud and cmd/mockcloud that imports mockcloud)
set -eu
root=$(git rev-parse --show-toplevel)
sedfile="$root/internal/mockcloud/MIGRATION.sed"
mod=github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud
if [ $# -eq 0 ]; then
	set -- $(cd "$root" && grep -rl --include='*.go' "\"$mod\"" . | grep -v '^\./internal/mockcloud/' | grep -v '^\./cmd/mockcloud/' | sed "s|^\./|$root/|")
fi
# code prints f without its comment lines.
code() { grep -v '^[[:space:]]*//' "$1"; }
for f in "$@"; do
	sed -i -f "$sedfile" "$f"
	# Imports: add the packages now used, drop mockcloud when unused.
	for pair in "cloud:$mod/cloud" "waldurmock:$mod/waldur" "awaniomock:$mod/awanio" "hostwaymock:$mod/hostway"; do
		alias=${pair%%:*}
		path=${pair#*:}
		if code "$f" | grep -q "\b$alias\." && ! grep -q "\"$path\"" "$f"; then
			if [ "$alias" = cloud ]; then line="\t\"$path\""; else line="\t$alias \"$path\""; fi
			sed -i "s|^\(\t\)\"$mod\"$|&\n$line|" "$f"
		fi
	done
	if ! code "$f" | grep -q '\bmockcloud\.'; then
		sed -i "\|^\t\"$mod\"$|d" "$f"
	fi
	gofmt -w "$f"
done
