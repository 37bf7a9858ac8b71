#!/bin/sh
# seq-bench.sh - W3 and W4 of ../shared/bench/WORKLOADS.md reproduced by
# bench/bench-seq: W3's vocabulary (66), text length, initial perplexity
# (66.0676 +-0.01%) and final perplexity after 300 Adam steps (12.4923
# +-1.5%); W4's checksum (-9.861286 +-1e-4) and O[0][0] (-0.075009
# +-1e-5).  W3 needs /usr/share/dict/words (Debian's wamerican, installed
# by ./bootstrap): without it that part is skipped, with the reason.
# Timings are printed but never checked.
. "${top_srcdir:-..}/tests/setup.sh"
bench=${top_builddir:-..}/bench/bench-seq
out=$("$bench" W3 --check 2>&1) && rc=0 || rc=$?
diag "$out"
case $rc in
0) ok "W3 reproduces WORKLOADS.md section 7 (vocabulary, text, initial and final perplexity)" ;;
77) ok "# SKIP W3: /usr/share/dict/words is missing (apt-get install wamerican)" ;;
*) not_ok "W3 reproduces WORKLOADS.md section 7" ;;
esac
# checked NAME: the line "# check NAME: got ..., want ...: ok"
checked() {
	line=$(printf '%s\n' "$out" | grep "^# check $1: " || true)
	case $line in
	*": ok") ok "$1 within tolerance (${line#*: })" ;;
	"") [ "$rc" = 77 ] && ok "# SKIP $1: not run" || not_ok "$1 was not checked" ;;
	*) not_ok "$1 within tolerance (${line#*: })" ;;
	esac
}
for f in vocab text_bytes initial_ppl final_ppl; do
	checked "W3 $f"
done
out=$("$bench" W4 --check 2>&1) && rc=0 || rc=$?
diag "$out"
is "W4 reproduces the checksum and O[0][0]" "$rc" "0"
checked "W4 checksum"
checked "W4 o00"
done_testing
