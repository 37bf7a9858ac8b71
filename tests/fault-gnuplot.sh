#!/bin/sh
# fault-gnuplot.sh - gnuplot dying under nnlab while it draws.
#  1. A fake gnuplot that reads part of a script and is then killed
#     (SIGKILL): the first one dies in the middle of the live loss window
#     nnlab keeps up while `train` runs; nnlab reports it, stops the live
#     updates, the training goes on to the same numbers as with no
#     gnuplot at all, and the next `plot loss` starts a new gnuplot.
#  2. The real gnuplot killed from outside in the middle of live updates
#     (its "window" is the dumb terminal: a wrapper rewrites the terminal,
#     so no display is needed), then `plot loss` and more training: the
#     death is reported, a new gnuplot is started, nnlab survives.
# The kill waits for what gnuplot has been sent (a log of its input), not
# for a time.  (plot-gnuplot.sh covers gnuplot dying in a single plot.)
. "${top_srcdir:-..}/tests/setup.sh"
cd "$TMPD"
w=$(tscale 1)
data='data spiral n=5000; net new 2 32 tanh 3'
# the numbers a training leaves in `show state`, and the epoch lines
nums() { printf '%s\n' "$1" | grep -E '^(model|progress): |^ +[0-9]+ +[0-9]+ +[0-9.]+ +[0-9.]+%$'; }
calm=$(nn -c "$data; train 1; train 40; train 3; show state" 2>&1)

# ---- 1. a fake that dies part way through its second script --------------
mkdir fake
cat >fake/gnuplot <<'EOS'
#!/bin/sh
# answers like a gnuplot with a window terminal; the first one started
# is killed after 40 lines of input (in the middle of a plot script)
n=0
first=0
[ -e "$GPDIR/started" ] || { first=1; : >"$GPDIR/started"; }
echo $$ >>"$GPDIR/pids"
while IFS= read -r line; do
	n=$((n + 1))
	case $line in
	"print GPVAL_TERMINALS") echo "dumb png x11" >&2 ;;
	"print 'NNLAB-SYNC-"*) m=${line#print \'}; m=${m%\'}; echo "$m" >&2 ;;
	esac
	if [ $first = 1 ] && [ $n -ge 40 ]; then kill -9 $$; fi
done
EOS
chmod +x fake/gnuplot
out=$(GPDIR=$TMPD DISPLAY=:99 NNLAB_GNUPLOT=$TMPD/fake/gnuplot \
	timeout $((120 * w)) "$NNLAB" -c "$data; set plotter gnuplot; train 1; train 40; plot loss; train 3; show state" 2>&1) &&
	rc=0 || rc=$?
is "fake killed mid-script: nnlab survives (status 0)" "$rc" 0
contains "fake killed mid-script: reported with the signal" "$out" "gnuplot stopped unexpectedly (killed by signal 9)"
contains "fake killed mid-script: the live window stops" "$out" "(the live loss window stops updating; 'plot loss' starts it again)"
contains "fake killed mid-script: 'plot loss' opens a window again" "$out" "drawn in a gnuplot window"
is "fake killed mid-script: a second gnuplot was started" "$(wc -l <pids | tr -d ' ')" 2
if [ -n "$(nums "$calm")" ] && [ "$(nums "$out")" = "$(nums "$calm")" ]; then
	ok "fake killed mid-script: the training gives the same numbers as with no gnuplot"
else
	not_ok "fake killed mid-script: the training gives the same numbers as with no gnuplot"
	diff_out=$(printf '%s\n' "$(nums "$calm")" >a; printf '%s\n' "$(nums "$out")" >b; diff a b | head -10)
	diag "$diff_out"
fi

# ---- 2. the real gnuplot, killed from outside ------------------------------
real=$(command -v gnuplot || true)
if [ -z "$real" ]; then
	for i in 1 2 3 4 5 6; do ok "# SKIP the real gnuplot: not installed"; done
	done_testing
	exit 0
fi
cat >fake/gnuplot <<EOS
#!/bin/sh
# the real gnuplot, its window drawn with the dumb terminal; its input is
# logged (so the test knows how far it got) and its pid written down.
# Only gnuplot itself keeps nnlab's output pipes: when it dies nnlab sees
# them close, as with a gnuplot started directly
exec 3<&0 4>&1 5>&2 </dev/null >/dev/null 2>&1
sed -u -e 's/^set terminal x11.*/set terminal dumb size 80,24 noenhanced/' \\
	-e 's/^print GPVAL_TERMINALS\$/print GPVAL_TERMINALS." x11"/' <&3 3<&- 4>&- 5>&- |
	tee -a "\$GPDIR/in.log" 3<&- 4>&- 5>&- | "$real" 3<&- >&4 2>&5 4>&- 5>&- &
echo \$! >>"\$GPDIR/gp.pids"
exec 3<&- 4>&- 5>&-
wait
EOS
rm -f in.log gp.pids out.txt
GPDIR=$TMPD DISPLAY=:99 NNLAB_GNUPLOT=$TMPD/fake/gnuplot timeout $((300 * w)) "$NNLAB" \
	-c "$data; set plotter gnuplot; train 1; train 300; plot loss; train 3; show state" >out.txt 2>&1 &
pid=$!
# kill gnuplot once it has drawn twice during the long training
n=0
k=0
while [ $k -lt $((600 * w)) ]; do
	n=$(grep -c NNLAB-SYNC in.log 2>/dev/null || true)
	[ "${n:-0}" -lt 4 ] || break
	sleep 0.05
	k=$((k + 1))
done
gp=$(head -1 gp.pids 2>/dev/null || true)
if [ -n "$gp" ] && kill -9 "$gp" 2>/dev/null; then
	ok "real gnuplot: killed during the live updates (after $n scripts)"
else
	not_ok "real gnuplot: killed during the live updates"
fi
wait "$pid" && rc=0 || rc=$?
out=$(cat out.txt)
is "real gnuplot killed: nnlab survives (status 0)" "$rc" 0
contains "real gnuplot killed: reported" "$out" "gnuplot stopped unexpectedly"
contains "real gnuplot killed: the live window stops" "$out" "(the live loss window stops updating; 'plot loss' starts it again)"
contains "real gnuplot killed: 'plot loss' draws again" "$out" "drawn in a gnuplot window"
is "real gnuplot killed: a second gnuplot was started" "$(wc -l <gp.pids | tr -d ' ')" 2
contains "real gnuplot killed: the session goes on" "$out" "progress: epochs=304 "
done_testing
