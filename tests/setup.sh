# setup.sh - shared set-up for nnlab's shell tests (sourced).
#
# Gives: $NNLAB (the binary), $top_srcdir, a fresh scratch directory
# $TMPD removed at exit, and TAP helpers: ok, not_ok, check, is, done_testing.
# NNLAB_VALGRIND=1 runs nnlab under valgrind memcheck (see below).
set -eu
LC_ALL=C
export LC_ALL
: "${NNLAB:=../nnlab}"
: "${top_srcdir:=..}"
NO_COLOR=1
export NO_COLOR
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/nnlab-test.XXXXXX")
XDG_STATE_HOME=$TMPD/state
export XDG_STATE_HOME
trap 'rm -rf "$TMPD"' EXIT

# NNLAB_VALGRIND=1 (make check-valgrind): $NNLAB becomes a wrapper that
# runs the real binary under tests/valgrind-run.sh, so every way a test
# starts nnlab (nn, "$NNLAB", inside tmux) is checked; NNLAB_TIME_FACTOR
# (tscale) stretches the waits of tests that wait for nnlab.
if [ "${NNLAB_VALGRIND:-0}" = 1 ] && [ -z "${NNLAB_REAL:-}" ]; then
	NNLAB_REAL=$(cd "$(dirname "$NNLAB")" && pwd)/$(basename "$NNLAB")
	vg_run=$(cd "$top_srcdir/tests" && pwd)/valgrind-run.sh
	# valgrind by its full name: some tests run nnlab with PATH emptied
	printf '#!/bin/sh\ntop_srcdir=%s NNLAB_VALGRIND_LOGDIR=%s VALGRIND=%s exec %s %s "$@"\n' \
		"$(cd "$top_srcdir" && pwd)" "${NNLAB_VALGRIND_LOGDIR:-$TMPD}" "$(command -v valgrind)" "$vg_run" \
		"$NNLAB_REAL" >"$TMPD/nnlab"
	chmod +x "$TMPD/nnlab"
	NNLAB=$TMPD/nnlab
	export NNLAB NNLAB_REAL
	# in the test's log: it ran under memcheck (VALGRIND_RESUME looks for it)
	echo "# under valgrind memcheck"
fi
nn() { "$NNLAB" "$@"; }
# tscale N: N whole seconds times NNLAB_TIME_FACTOR (a whole number, default 1)
tscale() { echo $(( $1 * ${NNLAB_TIME_FACTOR:-1} )); }
# cpu_ticks PID: user + system CPU time of PID in clock ticks (1/100 s)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# busy_wait PID TENTHS: until PID has used TENTHS tenths of a second of CPU
# time (times NNLAB_TIME_FACTOR: memcheck's own start-up takes seconds),
# has ended, or a minute (times the factor) has passed.  For the tests
# that interrupt a long command: output to a file is not flushed until the
# end, so the CPU time nnlab used is what says it has got to the command.
busy_wait() {
	_n=0
	while [ "$(cpu_ticks "$1")" -lt $(($(tscale "$2") * 10)) ] && kill -0 "$1" 2>/dev/null &&
		[ $_n -lt $(($(tscale 60) * 10)) ]; do
		sleep 0.1
		_n=$((_n + 1))
	done
}
# end_wait PID S: until PID has ended, at most S seconds (times the
# factor); fails if it is still running
end_wait() {
	_n=0
	while kill -0 "$1" 2>/dev/null && [ $_n -lt $(($(tscale "$2") * 10)) ]; do
		sleep 0.1
		_n=$((_n + 1))
	done
	! kill -0 "$1" 2>/dev/null
}

tap_n=0
tap_fail=0
ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $*"; }
not_ok() { tap_n=$((tap_n + 1)); tap_fail=$((tap_fail + 1)); echo "not ok $tap_n - $*"; }
diag() { printf '%s\n' "$@" | sed 's/^/# /'; }
# check NAME CMD...: ok if the command succeeds
check() { name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }
# is NAME GOT WANT
is() {
	if [ "$2" = "$3" ]; then ok "$1"; else
		not_ok "$1"; diag "got:  $2" "want: $3"; fi
}
# contains NAME HAYSTACK NEEDLE
contains() {
	case $2 in
	*"$3"*) ok "$1" ;;
	*) not_ok "$1"; diag "output:" "$2" "does not contain: $3" ;;
	esac
}
# run_bad NAME SETUP CMD WANT: in the current directory, after the SETUP
# commands (';' between them), CMD must fail with the message WANT and
# change nothing: the `show state` before and after it are identical.
run_bad() {
	name=$1 setup=$2 cmd=$3 want=$4
	{ printf '%s\n' "$setup" | tr ';' '\n'; printf 'show state\n%s\nshow state\n' "$cmd"; } >script
	n=$(printf '%s\n' "$setup" | tr ';' '\n' | wc -l)
	out=$(nn --keep-going script 2>&1) && rc=0 || rc=$?
	is "$name: exit status" "$rc" "1"
	err=$(printf '%s\n' "$out" | grep 'error: ' || true)
	is "$name: message" "$err" "script:$((n + 2)): error: $want"
	before=$(printf '%s\n' "$out" | awk '/^seed: /{k++} k==1 && !/error: /')
	after=$(printf '%s\n' "$out" | awk '/^seed: /{k++} k==2')
	is "$name: state unchanged" "$after" "$before"
}
# fake_gnuplot FILE TERMINALS: write FILE, a stand-in for gnuplot that
# appends every line it is sent to $GPLOG and answers nnlab's two
# questions: the terminals it has (TERMINALS) and the sync marker
fake_gnuplot() {
	cat >"$1" <<EOS
#!/bin/sh
while IFS= read -r line; do
	printf '%s\n' "\$line" >>"\$GPLOG"
	case \$line in
	"print GPVAL_TERMINALS") echo "$2" >&2 ;;
	"print 'NNLAB-SYNC-"*) m=\${line#print \'}; m=\${m%\'}; echo "\$m" >&2 ;;
	esac
done
EOS
	chmod +x "$1"
}
done_testing() { echo "1..$tap_n"; [ "$tap_fail" = 0 ]; }
