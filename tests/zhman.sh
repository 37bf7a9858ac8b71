#!/bin/sh
# zhman.sh - the Chinese man pages (man/zh_CN/) against the command table
# and the English page: every command of the table has an entry in
# man/zh_CN/nnlab.1 whose .B line is its usage exactly (commands are typed
# in English in both languages), every entry there names a command, every
# command entry of the English page's COMMANDS section is carried over
# line for line, and each zh_CN page renders with groff -ww without a
# warning.  It does not check the translation itself.
. "${top_srcdir:-..}/tests/setup.sh"
zh=$top_srcdir/man/zh_CN/nnlab.1
en=$top_srcdir/man/nnlab.1
nn --dump-commands >"$TMPD/dump"
cut -f1 "$TMPD/dump" | sort >"$TMPD/table"
# the entries between .SH 命令 (COMMANDS) and the next .SH
sed -n '/^\.SH 命令/,/^\.SH /p' "$zh" >"$TMPD/zhcmds"
sed -n 's/^\.B "\([a-z][a-z-]*\).*/\1/p' "$TMPD/zhcmds" | sort -u >"$TMPD/man"
is "the Chinese page has a COMMANDS (命令) section" \
	"$(grep -c '^\.SH 命令$' "$zh")" 1
for c in $(cat "$TMPD/table"); do
	if grep -qx "$c" "$TMPD/man"; then ok "zh_CN page documents '$c'"
	else not_ok "zh_CN page lacks '$c' (add a .TP/.B entry under 命令)"; fi
done
for c in $(cat "$TMPD/man"); do
	if grep -qx "$c" "$TMPD/table"; then ok "'$c' of the zh_CN page is a command"
	else not_ok "the zh_CN page lists '$c', which is not in the command table"; fi
done
while IFS='	' read -r name usage summary; do
	if grep -qxF ".B \"$usage\"" "$TMPD/zhcmds"; then ok "zh_CN usage of '$name' matches"
	else not_ok "zh_CN usage of '$name' differs: the table says '$usage'"; fi
done <"$TMPD/dump"
# every command line (.B "...") of the English COMMANDS section is in the
# Chinese one: a changed usage in the English page must be carried over
sed -n '/^\.SH COMMANDS/,/^\.SH /p' "$en" | grep '^\.B "' | sort -u >"$TMPD/en-entries"
grep '^\.B "' "$TMPD/zhcmds" | sort -u >"$TMPD/zh-entries"
missing=$(comm -23 "$TMPD/en-entries" "$TMPD/zh-entries")
is "every .B entry of the English COMMANDS section is in the zh_CN page" "$missing" ""
# each zh_CN page has the structure of its English page: the same number
# of sections, subsections, paragraphs and indents, and the same tag line
# after every .TP (options, commands, subcommands, fields, in order), so a
# change to the English page that is not carried over shows here
for page in "$top_srcdir"/man/zh_CN/*.[1-9]; do
	base=${page##*/}
	orig=$top_srcdir/man/$base
	if [ ! -f "$orig" ]; then not_ok "$base has no English page man/$base"; continue; fi
	for m in SH SS TP RS RE IP PP nf; do
		is "$base: as many .$m as the English page" \
			"$(grep -c "^\.$m\( \|\$\)" "$page")" "$(grep -c "^\.$m\( \|\$\)" "$orig")"
	done
	awk 'prev == ".TP" { print } { prev = $0 }' "$orig" >"$TMPD/tags-en"
	awk 'prev == ".TP" { print } { prev = $0 }' "$page" >"$TMPD/tags-zh"
	if cmp -s "$TMPD/tags-en" "$TMPD/tags-zh"; then ok "$base: the .TP tags are the English page's, in order"
	else not_ok "$base: the .TP tags differ from man/$base"; diag "$(diff "$TMPD/tags-en" "$TMPD/tags-zh" | head -20)"; fi
done
# each page renders without a warning (-k: the pages are UTF-8, read
# through preconv as man-db does)
for page in "$top_srcdir"/man/zh_CN/*.[1-9]; do
	base=${page##*/}
	if ! command -v groff >/dev/null 2>&1; then
		ok "# SKIP $base: groff is not installed"
		continue
	fi
	if groff -k -man -Tutf8 -ww -z "$page" >"$TMPD/out" 2>"$TMPD/warn" && [ ! -s "$TMPD/warn" ]
	then ok "$base renders with groff -ww and no warning"
	else not_ok "$base: groff warns"; diag "$(head -20 "$TMPD/warn")"; fi
	# its name line and title are there, and it is UTF-8 throughout
	is "$base has one .TH" "$(grep -c '^\.TH ' "$page")" 1
	if iconv -f UTF-8 -t UTF-8 "$page" >/dev/null 2>&1; then ok "$base is valid UTF-8"
	else not_ok "$base is not valid UTF-8"; fi
done
done_testing
