#!/bin/sh
# soak-train.sh - ten million training steps in one nnlab session, with
# the resident memory (VmRSS from /proc/PID/status) sampled every few
# seconds.  After a warm-up the memory must stay flat: the script prints
# every sample and fails if the largest one after the warm-up exceeds the
# first one after it by more than a small margin.  Not part of `make
# check` (it takes minutes): `make soak` runs it.  Linux only (/proc).
#
# Environment: NNLAB (the binary, default ./nnlab), SOAK_STEPS (10000000),
# SOAK_CHUNK (steps per 'train' command, 100000), SOAK_INTERVAL (seconds
# between samples, 2), SOAK_MARGIN_KB (1024).
set -eu
LC_ALL=C
export LC_ALL
: "${NNLAB:=./nnlab}"
steps=${SOAK_STEPS:-10000000}
chunk=${SOAK_CHUNK:-100000}
interval=${SOAK_INTERVAL:-2}
margin=${SOAK_MARGIN_KB:-1024}
if [ ! -r /proc/self/status ]; then
	echo "soak-train: SKIP: no /proc/PID/status on this system"
	exit 0
fi
D=$(mktemp -d "${TMPDIR:-/tmp}/nnlab-soak.XXXXXX")
pid=
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi; rm -rf "$D"' EXIT
XDG_STATE_HOME=$D/state
NO_COLOR=1
export XDG_STATE_HOME NO_COLOR

# a tiny classification problem, one sample per step: xor n=8 is 16
# points, 8 of them for training, so an epoch is 8 steps and ten million
# steps are 1250000 epochs, each of which ends with a row of history
n=$(( (steps + chunk - 1) / chunk ))
{
	echo 'data xor n=8 noise=0.1 test=0.5'
	echo 'net new 2 64 tanh 64 tanh 2'
	echo 'batch 1'
	echo 'lr 0.05'
	i=0
	while [ $i -lt $n ]; do
		left=$((steps - i * chunk))
		[ $left -gt $chunk ] && left=$chunk
		echo "train $left steps every=100000"
		i=$((i + 1))
	done
	echo 'eval'
} >"$D/soak.nns"

start=$(date +%s)
nice -n 10 "$NNLAB" --seed 0 "$D/soak.nns" >"$D/out" 2>&1 &
pid=$!
echo "soak-train: $steps steps in $n 'train' commands, nnlab pid $pid, RSS every ${interval}s"
samples=
while kill -0 "$pid" 2>/dev/null; do
	rss=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2>/dev/null || true)
	if [ -n "$rss" ]; then
		t=$(( $(date +%s) - start ))
		samples="$samples $t:$rss"
		echo "soak-train: t=${t}s rss=${rss} kB"
	fi
	sleep "$interval"
done
rc=0
wait "$pid" || rc=$?
pid=
elapsed=$(( $(date +%s) - start ))
echo "soak-train: nnlab exited with status $rc after ${elapsed}s"
tail -3 "$D/out" | sed 's/^/soak-train: | /'
fail=0
[ "$rc" -eq 0 ] || fail=1
# the last 'train' says how many steps were done in all
total=$(sed -n 's/.* \([0-9]*\) steps* in all$/\1/p' "$D/out" | tail -1)
if [ "${total:-0}" != "$steps" ]; then
	echo "soak-train: FAIL: the session did ${total:-no} steps in all, not $steps"
	fail=1
fi
if grep -q 'error:' "$D/out"; then
	echo "soak-train: FAIL: an error was reported:"
	grep -m3 'error:' "$D/out"
	fail=1
fi
# warm-up: the first quarter of the samples (at least one)
echo "$samples" | tr ' ' '\n' | sed '/^$/d' | awk -F: -v margin="$margin" '
	{ t[NR] = $1; r[NR] = $2 }
	END {
		if (NR < 4) { print "soak-train: FAIL: only " NR " samples"; exit 1 }
		w = int(NR / 4); if (w < 1) w = 1
		base = r[w + 1]; max = base; at = t[w + 1]
		for (i = w + 1; i <= NR; i++) if (r[i] > max) { max = r[i]; at = t[i] }
		printf "soak-train: %d samples; warm-up %d samples (to t=%ds, rss %d kB); after it: first %d kB, largest %d kB (t=%ds), last %d kB; growth %d kB (margin %d kB)\n", NR, w, t[w], r[w], base, max, at, r[NR], max - base, margin
		if (max - base > margin) { print "soak-train: FAIL: the resident memory grew after the warm-up"; exit 1 }
		print "soak-train: PASS: the resident memory stayed flat"
	}' || fail=1
exit $fail
