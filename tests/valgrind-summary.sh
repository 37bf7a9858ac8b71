#!/bin/sh
# valgrind-summary.sh DIR - add up the valgrind logs tests/valgrind-run.sh
# left in DIR during `make check-valgrind`: how many processes ran, how
# many errors and leaked bytes they reported.  Prints every log that has
# an error, and exits 1 if there is any.  A log with no ERROR SUMMARY is a
# process that exec'd another program (nnlab starting gnuplot) or was
# killed on purpose by a test (SIGKILL); those are counted apart.
dir=${1:?usage: valgrind-summary.sh DIR}
procs=0 errs=0 unfinished=0 bad=0 lost=0
for f in "$dir"/vg.*.log; do
	[ -e "$f" ] || continue
	procs=$((procs + 1))
	n=$(sed -n 's/.*ERROR SUMMARY: \([0-9,]*\) errors.*/\1/p' "$f" | tr -d , | tail -1)
	if [ -z "$n" ]; then
		unfinished=$((unfinished + 1))
		continue
	fi
	b=$(sed -n 's/.*\(definitely\|indirectly\|possibly\) lost: \([0-9,]*\) bytes.*/\2/p' "$f" | tr -d , |
		awk '{ t += $1 } END { print t + 0 }')
	lost=$((lost + b))
	if [ "$n" != 0 ] || [ "$b" != 0 ]; then
		errs=$((errs + n))
		bad=$((bad + 1))
		echo "==== $f"
		cat "$f"
	fi
done
echo "valgrind: $procs processes checked ($unfinished exec'd or killed before exit); $errs errors, $lost bytes leaked, in $bad processes"
[ "$bad" = 0 ]
