#!/bin/sh
# plot-gnuplot.sh - `plot` through gnuplot: the dumb terminal, PNG, SVG
# and PDF files (checked by signature and size), hostile labels and file
# names that try to run commands, and fake gnuplots on PATH that are
# missing, fail, die early or complain, to test the error paths: nnlab
# reports them, draws its own chart, never dies of SIGPIPE, and starts a
# new gnuplot for the next plot.
. "${top_srcdir:-..}/tests/setup.sh"

real=$(command -v gnuplot || true)
cd "$TMPD"
data='seed 1; data spiral n=20 classes=2'

# ---- gnuplot missing: the package to install, and nnlab's own chart ------
mkdir empty
out=$(PATH=$TMPD/empty nn -c "$data; plot data to=dumb; seed" 2>&1) && rc=0 || rc=$?
is "missing gnuplot, to=dumb: exit status 0" "$rc" 0
contains "missing gnuplot: names gnuplot-nox" "$out" "apt-get install gnuplot-nox"
contains "missing gnuplot: names gnuplot-qt" "$out" "gnuplot-qt for windows"
contains "missing gnuplot: the built-in chart instead" "$out" "spiral: 40 points"
contains "missing gnuplot: later commands run" "$out" "seed 1 ("
out=$(PATH=$TMPD/empty nn -c "$data; plot data to=x.png" 2>&1) && rc=0 || rc=$?
is "missing gnuplot, to=x.png: exit status 1 (no file)" "$rc" 1
contains "missing gnuplot, to=x.png: an error" "$out" "error: gnuplot is not installed"
check "missing gnuplot: no file written" test ! -e x.png

# ---- fake gnuplots on PATH ---------------------------------------------
mkdir fake
# exits at once
printf '#!/bin/sh\nexit 3\n' >fake/gnuplot
chmod +x fake/gnuplot
out=$(PATH=$TMPD/fake:$PATH nn -c "$data; plot data to=dumb; plot data to=dumb; seed" 2>&1) && rc=0 || rc=$?
is "gnuplot exiting at once: exit status 0" "$rc" 0
contains "gnuplot exiting at once: reported" "$out" "warning: gnuplot stopped unexpectedly (exit status 3); it will be started again for the next plot"
n=$(printf '%s\n' "$out" | grep -c "gnuplot stopped unexpectedly" || true)
is "gnuplot exiting at once: restarted for the second plot (and reported again)" "$n" 2
contains "gnuplot exiting at once: nnlab goes on" "$out" "seed 1 ("

# reads a little of the script, then is killed mid-way
printf '#!/bin/sh\nhead -c 10 >/dev/null\nkill -9 $$\n' >fake/gnuplot
out=$(PATH=$TMPD/fake:$PATH nn -c "$data; plot data to=y.svg; seed" 2>&1) && rc=0 || rc=$?
is "gnuplot killed mid-script: exit status 1 (no file)" "$rc" 1
contains "gnuplot killed mid-script: reported" "$out" "error: gnuplot stopped unexpectedly"
contains "gnuplot killed mid-script: the signal named" "$out" "signal 9"
contains "gnuplot killed mid-script: nnlab's chart instead" "$out" "spiral: 40 points"

# closes its input at once but stays (the write gets EPIPE, not SIGPIPE)
printf '#!/bin/sh\nexec 0<&-\nsleep 1\n' >fake/gnuplot
out=$(PATH=$TMPD/fake:$PATH nn -c "$data; plot data to=dumb; seed" 2>&1) && rc=0 || rc=$?
is "gnuplot closing its pipe: exit status 0, not killed by SIGPIPE" "$rc" 0
contains "gnuplot closing its pipe: reported" "$out" "warning: gnuplot stopped unexpectedly"
contains "gnuplot closing its pipe: later commands run" "$out" "seed 1 ("

# ---- set plotter gnuplot: the loss live in a window while 'train' runs ---
# a fake gnuplot that has a window terminal: it logs every line it is sent
# and answers nnlab's questions (terminals, the sync marker)
fake_gnuplot fake/gnuplot "dumb png x11"
rm -f gp.log
out=$(GPLOG=$TMPD/gp.log DISPLAY=:99 NNLAB_GNUPLOT=$TMPD/fake/gnuplot nn -c "$data; net new 2 8 tanh 2; set plotter gnuplot; train 200; train 100" 2>&1) && rc=0 || rc=$?
is "live: exit status 0" "$rc" 0
contains "live: training opens the loss in a window by itself" "$out" "(the loss is drawn in a gnuplot window while training runs)"
n=$(grep -c "^set terminal x11" gp.log || true)
# at least the first tick and the final one; at most one every 500 ms
# plus those two per job, however many steps ran (300 here)
if [ "$n" -ge 2 ] && [ "$n" -lt 60 ]; then ok "live: the window is redrawn, throttled ($n scripts for 300 steps)"; else not_ok "live: the window is redrawn, throttled ($n scripts for 300 steps)"; fi
# the last script sent holds the whole history: 300 epochs
last=$(awk '/^set terminal x11/ { s = "" } { s = s $0 "\n" } END { printf "%s", s }' gp.log | grep -c '^[0-9]* [0-9.e+-]*$' || true)
if [ "$last" -ge 300 ]; then ok "live: the last redraw shows where training ended ($last points)"; else not_ok "live: the last redraw shows where training ended ($last points)"; fi
grep "set title" gp.log | sort -u | while read -r l; do diag "$l"; done
out=$(GPLOG=$TMPD/gp2.log env -u DISPLAY -u WAYLAND_DISPLAY NNLAB_GNUPLOT=$TMPD/fake/gnuplot "$NNLAB" -c "$data; net new 2 8 tanh 2; set plotter gnuplot; train 20" 2>&1)
lacks_window=1; case $out in *"drawn in a gnuplot window"*) lacks_window=0 ;; esac
is "live: no display, no window opened (and nothing said)" "$lacks_window" 1

# decision regions drawn on the data's own axes: the ranges are the
# features' ranges widened 5% each side (from data show's min and max),
# the axes are named after the features, and the cells and points are
# placed by the same mapping from column and row numbers
rm -f gp3.log
out=$(GPLOG=$TMPD/gp3.log NNLAB_GNUPLOT=$TMPD/fake/gnuplot "$NNLAB" -c "$data; net new 2 8 tanh 2; train 20; data show; plot boundary to=dumb" 2>&1)
want=$(printf '%s\n' "$out" | awk 'NF == 5 && ($1 == "x1" || $1 == "x2") { m = ($3 - $2) * 0.05; printf "%s %.5f %.5f\n", $1, $2 - m, $3 + m }')
got=$(sed -n 's/^set \([xy]\)range \[\(.*\):\(.*\)\]$/\1 \2 \3/p' gp3.log | awk '{ printf "%s %.5f %.5f\n", $1 == "x" ? "x1" : "x2", $2, $3 }')
is "boundary: the axes span the data's ranges plus 5%" "$got" "$want"
check "boundary: x axis named after the first feature" grep -qx "set xlabel 'x1' noenhanced" gp3.log
check "boundary: y axis named after the second feature" grep -qx "set ylabel 'x2' noenhanced" gp3.log
x0=$(printf '%s\n' "$got" | awk 'NR == 1 { print $2 }')
n=$(grep -c "^plot \$matrix matrix using (${x0%???}[0-9]* + (\$1 + 0.5) \* [0-9.]*):([0-9.-]* - (\$2 + 0.5) \* [0-9.]*):3 with image" gp3.log || true)
is "boundary: the cells placed in the data's units" "$n" 1
check "boundary: the points placed by the same mapping" grep -q '^     \$marks using (' gp3.log

if [ -z "$real" ]; then
	echo "# gnuplot is not installed: the tests with a real gnuplot are skipped"
	for t in dumb png svg pdf hostile-name hostile-label restart complaint plotter boundary net; do
		ok "# SKIP $t: gnuplot not installed"
	done
	done_testing
	exit
fi

# ---- the real gnuplot ---------------------------------------------------
out=$(nn -c "$data; plot data to=dumb" 2>&1)
contains "dumb: the title" "$out" "spiral: 40 points"
contains "dumb: a frame" "$out" "+---"
contains "dumb: class 0's glyph" "$out" "*"
case $out in *"$(printf '\f')"*) not_ok "dumb: no form feed in the output" ;; *) ok "dumb: no form feed in the output" ;; esac

sig() { od -An -c -N "$2" "$1" | tr -d ' \n'; }
for ext in png svg pdf; do
	rm -f "out.$ext"
	out=$(nn -c "$data; plot data to=out.$ext" 2>&1) && rc=0 || rc=$?
	is "$ext: exit status 0" "$rc" 0
	contains "$ext: says what it wrote" "$out" "wrote out.$ext"
	size=$(wc -c <"out.$ext" 2>/dev/null || echo 0)
	if [ "$size" -gt 2000 ]; then ok "$ext: $size bytes"; else not_ok "$ext: only $size bytes"; fi
done
is "png: signature" "$(sig out.png 8)" '211PNG\r\n032\n'
is "pdf: signature" "$(sig out.pdf 5)" '%PDF-'
check "svg: an <svg> document" grep -q '<svg' out.svg
check "svg: the title inside" grep -q 'spiral: 40 points' out.svg

# hostile file name: one file with exactly that name, no command run
name="q'; system 'touch pwned1'; print '.png"
out=$(nn -c "$data; plot data to=\"$name\"" 2>&1) && rc=0 || rc=$?
is "hostile file name: exit status 0" "$rc" 0
check "hostile file name: the file has exactly that name" test -s "$name"
check "hostile file name: no command ran" test ! -e pwned1

# hostile labels from a CSV header: quotes, backquotes, @macros, semicolons
printf '%s\n' "a'; system 'touch pwned2'; print ',\`touch pwned3\`,@lab" "1,2,x" "2,3,y" "3,1,x" >evil.csv
out=$(nn -c "data load evil.csv; plot data to=dumb; plot data to=evil.png" 2>&1) && rc=0 || rc=$?
is "hostile labels: exit status 0" "$rc" 0
contains "hostile labels: shown as text" "$out" "a'; system 'touch pwned2'; print '"
check "hostile labels: no command ran" test ! -e pwned2 -a ! -e pwned3
check "hostile labels: the image is written" test -s evil.png
case $out in *refused*) not_ok "hostile labels: gnuplot accepted the script"; diag "$out" ;; *) ok "hostile labels: gnuplot accepted the script" ;; esac

# a gnuplot that dies the first time and works the second: restarted
cat >fake/gnuplot <<EOS
#!/bin/sh
if [ ! -e "$TMPD/died" ]; then touch "$TMPD/died"; exit 7; fi
exec "$real" "\$@"
EOS
chmod +x fake/gnuplot
rm -f again.png
out=$(PATH=$TMPD/fake:$PATH nn -c "$data; plot data to=dumb; plot data to=again.png" 2>&1) && rc=0 || rc=$?
is "restart: exit status 0" "$rc" 0
contains "restart: the first death reported" "$out" "(exit status 7)"
check "restart: the second plot works with a new gnuplot" test -s again.png

# gnuplot complaining: its message is shown, not lost
cat >fake/gnuplot <<EOS
#!/bin/sh
echo '         line 0: invalid command' >&2
exec "$real" "\$@"
EOS
out=$(PATH=$TMPD/fake:$PATH nn -c "$data; plot data to=dumb" 2>&1) && rc=0 || rc=$?
contains "a complaint from gnuplot is reported" "$out" "gnuplot refused the script: line 0: invalid command"

# the decision regions and the network diagram as images
rm -f regions.png net.png net.svg
out=$(nn -c "$data; net new 2 8 tanh 2; train 50; plot boundary to=regions.png; step; plot net to=net.png; plot net to=net.svg" 2>&1) && rc=0 || rc=$?
is "boundary and net: exit status 0" "$rc" 0
contains "boundary: says what it wrote" "$out" "wrote regions.png (PNG image)"
is "boundary: PNG signature" "$(sig regions.png 8)" '211PNG\r\n032\n'
size=$(wc -c <regions.png 2>/dev/null || echo 0)
if [ "$size" -gt 5000 ]; then ok "boundary: a picture of $size bytes"; else not_ok "boundary: only $size bytes"; fi
is "net: PNG signature" "$(sig net.png 8)" '211PNG\r\n032\n'
size=$(wc -c <net.png 2>/dev/null || echo 0)
if [ "$size" -gt 5000 ]; then ok "net: a picture of $size bytes"; else not_ok "net: only $size bytes"; fi
check "net: the SVG has a panel per layer, the changed one marked" grep -q '> layer 1 (dense 2 -> 8, tanh)' net.svg
check "net: the SVG has the second layer's panel" grep -q 'layer 2 (dense 8 -> 2, identity)' net.svg
case $out in *refused*) not_ok "boundary and net: gnuplot accepted the scripts"; diag "$out" ;; *) ok "boundary and net: gnuplot accepted the scripts" ;; esac

# set plotter gnuplot with no display: the dumb terminal, said so
out=$(env -u DISPLAY -u WAYLAND_DISPLAY "$NNLAB" -c "$data; set plotter gnuplot; plot data" 2>&1)
contains "plotter gnuplot without a display: says so" "$out" "no gnuplot window: there is no display here"
contains "plotter gnuplot without a display: the dumb terminal" "$out" "+---"
done_testing
