#!/bin/sh
# i18n-catalogue.sh - the Chinese message catalogue is complete and well
# formed: po/zh_CN.po passes 'msgfmt --check' (every format keeps its
# conversions), and against a template regenerated from the sources (the
# files in po/POTFILES.in, xgettext with po/Makevars' options, in a
# scratch directory, never the source tree) no message is untranslated or
# fuzzy: the "no English leaks" test.  Every failure lists the msgids.
# Also: every source file that marks messages is listed in POTFILES.in.
# Skipped when the gettext tools are missing.
#   NNLAB_PO=FILE          check FILE instead of po/zh_CN.po
#   NNLAB_POTFILES=FILE    take the source list from FILE instead
. "${top_srcdir:-..}/tests/setup.sh"

for tool in msgfmt xgettext msgmerge msgattrib; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool (GNU gettext) is not installed"
		exit 0
	fi
done
src=$(cd "$top_srcdir" && pwd)
po=${NNLAB_PO:-$src/po/zh_CN.po}
potfiles=${NNLAB_POTFILES:-$src/po/POTFILES.in}

# ---- well formed ------------------------------------------------------------
if msgfmt --check --check-format -o "$TMPD/zh.mo" "$po" 2>"$TMPD/msgfmt.err"; then
	ok "msgfmt --check: $(basename "$po") is well formed"
else
	not_ok "msgfmt --check: $(basename "$po") is well formed"
	diag "$(cat "$TMPD/msgfmt.err")"
fi
hdr=$(msgattrib --no-wrap "$po" 2>/dev/null | sed -n '/^msgid ""$/,/^$/{p;/^$/q}')
contains "the catalogue says it is UTF-8" "$hdr" "charset=UTF-8"
contains "the catalogue has Chinese plural forms" "$hdr" "nplurals=1; plural=0;"

# ---- the template from the sources -------------------------------------------
# XGETTEXT_OPTIONS from po/Makevars, continuation lines joined
opts=$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$src/po/Makevars" | sed -n 's/^XGETTEXT_OPTIONS *= *//p')
is "po/Makevars gives XGETTEXT_OPTIONS" "$([ -n "$opts" ] && echo yes)" yes
grep -v '^[[:space:]]*#' "$potfiles" | sed '/^[[:space:]]*$/d' >"$TMPD/files"
missing=
while IFS= read -r f; do
	[ -f "$src/$f" ] || missing="$missing $f"
done <"$TMPD/files"
is "every file in POTFILES.in exists" "$missing" ""
# a file that marks messages but is not in POTFILES.in would leak English
if [ -z "${NNLAB_POTFILES:-}" ]; then
	unlisted=
	for f in $(cd "$src" && grep -l -E '(^|[^A-Za-z_])(N?_|out_(error|warn|note|progress))\("' src/*/*.c src/*.c 2>/dev/null); do
		grep -qx "$f" "$TMPD/files" || unlisted="$unlisted $f"
	done
	is "every source file with messages is in POTFILES.in" "$unlisted" ""
fi
before=$(ls -la "$src/po")
existing=$(while IFS= read -r f; do [ ! -f "$src/$f" ] || echo "$f"; done <"$TMPD/files")
# shellcheck disable=SC2086 # the options and the file list are words
if (cd "$src" && xgettext $opts --package-name=nnlab -o "$TMPD/nnlab.pot" $existing) 2>"$TMPD/xgettext.err"; then
	ok "xgettext builds the template ($(grep -c '^msgid ' "$TMPD/nnlab.pot") messages)"
else
	not_ok "xgettext builds the template"
	diag "$(cat "$TMPD/xgettext.err")"
fi
is "the template went to the scratch directory: po/ is untouched" "$(ls -la "$src/po")" "$before"

# ---- every message translated --------------------------------------------------
msgmerge --quiet --no-fuzzy-matching -o "$TMPD/merged.po" "$po" "$TMPD/nnlab.pot" 2>"$TMPD/merge.err" || true
if [ ! -s "$TMPD/merged.po" ]; then
	not_ok "msgmerge merges the catalogue with the template"
	diag "$(cat "$TMPD/merge.err")"
else
	ok "msgmerge merges the catalogue with the template"
fi
# msgids only, one a line (continuation lines joined, so a "\n" shows as
# the two characters), the header left out
list() {
	msgattrib "$@" --no-wrap --no-location --no-obsolete "$TMPD/merged.po" 2>/dev/null | awk '
		/^msgid "/ { id = substr($0, 8, length($0) - 8); inid = 1; next }
		/^"/ && inid { id = id substr($0, 2, length($0) - 2); next }
		/^msgstr/ { if (inid && id != "") print id; inid = 0 }'
}
untr=$(list --untranslated)
fuzzy=$(list --only-fuzzy)
nu=$(printf '%s' "$untr" | grep -c . || true)
nf=$(printf '%s' "$fuzzy" | grep -c . || true)
if [ "$nu" = 0 ]; then
	ok "no message is untranslated"
else
	not_ok "no message is untranslated ($nu are)"
	printf '%s\n' "$untr" | sed 's/^/# untranslated: /'
fi
if [ "$nf" = 0 ]; then
	ok "no translation is fuzzy"
else
	not_ok "no translation is fuzzy ($nf are)"
	printf '%s\n' "$fuzzy" | sed 's/^/# fuzzy: /'
fi
done_testing
