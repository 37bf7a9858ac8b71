#!/bin/sh
# fault-save.sh - every way nnlab saves (save, export, data export, log
# save, plot to=FILE.png, the history file) meeting a disk that cannot
# take the file: /dev/full (ENOSPC on a device), a path whose parent is a
# regular file (ENOTDIR), a file size limit (EFBIG part way through the
# write: `ulimit -f` with SIGXFSZ ignored, which works for root and for a
# normal user alike), and, where a tmpfs can be mounted (root), a full
# tmpfs (ENOSPC) and a read-only one (EROFS); a normal user gets a
# read-only directory by its mode instead.  Each time: an error of the
# house form naming the file, the earlier save intact byte for byte, no
# temporary file left behind, `show state` unchanged, and the session
# goes on (it trains and saves elsewhere afterwards).
. "${top_srcdir:-..}/tests/setup.sh"
mnt=
trap '[ -z "$mnt" ] || umount "$mnt" 2>/dev/null || true; rm -rf "$TMPD"' EXIT
cd "$TMPD"

# the gnuplot pictures, if this gnuplot can draw PNGs
png=0
if command -v gnuplot >/dev/null 2>&1 && gnuplot -e 'set terminal pngcairo' >/dev/null 2>&1; then
	png=1
fi

setup='data xor
net new 2 16 tanh 2
train 3'

# the first saves, into good/: the earlier files the failed saves must keep
mkdir good
{
	printf '%s\n' "$setup"
	printf '%s\n' 'save good/net.nnl' 'data export good/data.csv' 'export good/hist.csv' 'export good/net.json' \
		'log save good/log.txt'
	[ $png = 0 ] || echo 'plot data to=good/pic.png'
} >first
nn first >first.out 2>&1 && rc=0 || rc=$?
is "the first saves work" "$rc" 0

# state_block N: the Nth `show state` in out (its "key: value" lines)
state_block() {
	awk -v n="$1" '/^seed: /{k++; on = 1} on && (/^script:/ || !/^[a-z][a-z -]*: /){on = 0} on && k == n' out
}
# sums DIR: checksums of the saves in DIR (those that are there)
sums() {
	[ ! -d "$1" ] || (cd "$1" && for f in net.nnl data.csv hist.csv net.json log.txt pic.png; do
		[ ! -e "$f" ] || cksum "$f"; done)
}

sums good >good.sum

# attempt NAME DIR [WRAP...]: the same session, then the same saves into
# DIR, where they cannot be written; WRAP runs nnlab (the size limit)
attempt() {
	what=$1 dir=$2
	shift 2
	{
		printf '%s\n' "$setup" 'show state'
		printf '%s\n' "save $dir/net.nnl" "data export $dir/data.csv" "export $dir/hist.csv" \
			"export $dir/net.json" "log save $dir/log.txt"
		[ $png = 0 ] || echo "plot data to=$dir/pic.png"
		printf '%s\n' 'show state' 'train 1'
		[ $# != 0 ] || echo 'save after.nnl'
	} >script
	rm -f after.nnl
	sums "$dir" >before.sum
	# through a pipe: under a size limit, a file as standard output
	# would fail too
	# (under a size limit valgrind could not write its log: the limited
	# runs of make check-valgrind use the binary itself, NNLAB_REAL)
	prog=$NNLAB
	[ $# = 0 ] || prog=${NNLAB_REAL:-$NNLAB}
	{ "$@" "$prog" --keep-going script 2>&1 && echo "rc=0" || echo "rc=$?"; } | cat >out
	rc=$(sed -n 's/^rc=//p' out)
	is "$what: exit status 1 (the errors)" "$rc" 1
	nerr=$(grep -c 'error: ' out || true)
	is "$what: one error for each save" "$nerr" $((5 + png))
	bad=$(grep 'error: ' out | grep -v -E "^script:[0-9]+: error: [^;]*'$dir/[a-z]+\\.[a-z]+'[^;]*; .+" || true)
	is "$what: the errors name the file and say what to do" "$bad" ""
	is "$what: show state unchanged" "$(state_block 2)" "$(state_block 1)"
	contains "$what: the session goes on (it trains)" "$(cat out)" "4 epochs, 28 steps in all"
	[ $# != 0 ] || check "$what: the session goes on (a save elsewhere works)" test -s after.nnl
	if sums "$dir" | cmp -s - before.sum; then
		ok "$what: the earlier files intact byte for byte"
	else
		not_ok "$what: the earlier files intact byte for byte"
	fi
	left=$(ls -a "$dir" 2>/dev/null | grep '\.tmp\.' || true)
	is "$what: no temporary file left" "$left" ""
}

# /dev/full: a device, written in place (never replaced by a rename)
{
	printf '%s\n' "$setup" 'show state' 'save /dev/full' 'data export /dev/full' 'log save /dev/full' 'show state'
} >script
nn --keep-going script >out 2>&1 && rc=0 || rc=$?
is "/dev/full: exit status 1" "$rc" 1
is "/dev/full: three errors of the house form" "$(grep -c "error: cannot write '/dev/full': No space left on device; " out)" 3
is "/dev/full: show state unchanged" "$(state_block 2)" "$(state_block 1)"
check "/dev/full is still the device" test -c /dev/full

# ENOTDIR: the parent is a regular file
: >notadir
attempt "ENOTDIR" notadir
grep -q "Not a directory" out && ok "ENOTDIR: says why" || not_ok "ENOTDIR: says why"

# EFBIG part way: the files are rewritten in place under a size limit of
# 0 blocks, so each write fails after its file was created
limited() { (trap '' XFSZ; ulimit -f 0 && exec "$@"); }
# the earlier files are the ones in good/ itself: write over them
attempt "EFBIG" good limited
grep -q "File too large" out && ok "EFBIG: says why" || not_ok "EFBIG: says why"

# a full tmpfs and a read-only tmpfs (root), or a read-only directory
# (a normal user: mode bits bind); else say why not
mkdir fs
if [ "$(id -u)" != 0 ]; then
	mkdir fs/ro
	cp -p good/* fs/ro/
	chmod a-w fs/ro
	attempt "read-only directory" fs/ro
	chmod u+w fs/ro
	echo "# SKIP a full tmpfs needs root to mount"
elif mount -t tmpfs -o size=256k nnlab-fault "$TMPD/fs" 2>/dev/null; then
	mnt=$TMPD/fs
	cp -p good/* fs/
	dd if=/dev/zero of=fs/filler bs=4k 2>/dev/null || true
	attempt "full tmpfs" fs
	grep -q "No space left on device" out && ok "full tmpfs: says why" || not_ok "full tmpfs: says why"
	sums fs | cmp -s - good.sum && ok "full tmpfs: the files are the first saves" ||
		not_ok "full tmpfs: the files are the first saves"
	rm -f fs/filler
	mount -o remount,ro "$mnt"
	attempt "read-only tmpfs" fs
	grep -q "Read-only file system" out && ok "read-only tmpfs: says why" || not_ok "read-only tmpfs: says why"
	umount "$mnt" && mnt=
else
	echo "# SKIP full and read-only tmpfs: cannot mount a tmpfs here (no privilege)"
fi

# the history file (written when an interactive session ends): a state
# directory that cannot be made, and a history that is /dev/full; the
# session ends normally with a warning, and a history already there is
# kept when the size limit stops the rewrite
if command -v python3 >/dev/null 2>&1; then
	pty() { python3 "$top_srcdir/tests/fault-pty.py" -t 60 -o pty.out -- "$@"; }
	hist_session='wait nnlab> 
send data xor\r
wait nnlab> 
send show state\r
wait nnlab> 
send quit\r
exit'
	: >statefile
	r=$(printf '%s\n' "$hist_session" | XDG_STATE_HOME=$TMPD/statefile pty "$NNLAB" --plain) || true
	contains "history, ENOTDIR: the session ends normally" "$r" "status 0"
	contains "history, ENOTDIR: a warning" "$(cat pty.out)" "cannot save the history"
	mkdir -p st/nnlab
	ln -s /dev/full st/nnlab/history
	r=$(printf '%s\n' "$hist_session" | XDG_STATE_HOME=$TMPD/st pty "$NNLAB" --plain) || true
	contains "history, /dev/full: the session ends normally" "$r" "status 0"
	contains "history, /dev/full: a warning" "$(cat pty.out)" "cannot save the history"
	check "history, /dev/full: still the device" test -c /dev/full
	rm st/nnlab/history
	printf 'data moons\nnet new 2 8 tanh 2\n' >st/nnlab/history
	cksum st/nnlab/history >hist.sum
	r=$(printf '%s\n' "$hist_session" | XDG_STATE_HOME=$TMPD/st pty sh -c \
		"trap '' XFSZ; ulimit -f 0 && exec \"\$0\" --plain" "${NNLAB_REAL:-$NNLAB}") || true
	contains "history, EFBIG: the session ends normally" "$r" "status 0"
	contains "history, EFBIG: a warning" "$(cat pty.out)" "cannot save the history"
	cksum st/nnlab/history | cmp -s - hist.sum && ok "history, EFBIG: the earlier history intact" ||
		not_ok "history, EFBIG: the earlier history intact"
else
	echo "# SKIP the history file: no python3 to drive a terminal"
fi
done_testing
