#!/bin/sh
# manpage.sh - the man page's COMMANDS section and the command table must
# list the same commands: every command of the table has an entry
# (.B "NAME ...") in nnlab.1, and every entry names a command of the table.
. "${top_srcdir:-..}/tests/setup.sh"
man=$top_srcdir/man/nnlab.1
nn --dump-commands | cut -f1 | sort >"$TMPD/table"
# entries between .SH COMMANDS and the next .SH: lines '.B "name ...'
sed -n '/^\.SH COMMANDS/,/^\.SH /p' "$man" |
	sed -n 's/^\.B "\([a-z][a-z-]*\).*/\1/p' | sort -u >"$TMPD/man"
for c in $(cat "$TMPD/table"); do
	if grep -qx "$c" "$TMPD/man"; then ok "man page documents '$c'"; else not_ok "man page lacks '$c' (add a .TP/.B entry under COMMANDS)"; fi
done
for c in $(cat "$TMPD/man"); do
	if grep -qx "$c" "$TMPD/table"; then ok "'$c' of the man page is a command"; else not_ok "the man page lists '$c', which is not in the command table"; fi
done
# the usage line in the man page matches the table's
nn --dump-commands >"$TMPD/dump"
while IFS='	' read -r name usage summary; do
	if grep -qF ".B \"$usage\"" "$man"; then ok "usage of '$name' matches"; else not_ok "usage of '$name' differs: the table says '$usage'"; fi
done <"$TMPD/dump"
done_testing
