#!/bin/sh
# more-predict.sh - a trained network used from the shell, end to end:
# train, save, then `nnlab --model NET.nnl --predict FILE.csv` writes to
# standard output exactly the CSV that `predict FILE.csv out=FILE` writes
# in a session; its probabilities agree with `predict X1 X2` typed for
# the same row and with a softmax of the outputs computed here; the class
# is the largest probability; errors go to standard error with status 1
# and nothing on standard output.
. "${top_srcdir:-..}/tests/setup.sh"
cd "$TMPD"

nn -c 'seed 4; data spiral n=60 classes=3 noise=0.1 test=0.2; net new 2 24 tanh 3; optim adam; lr 0.02; train 150 every=150; save net.nnl; data export all.csv' >train.txt 2>&1 && rc=0 || rc=$?
is "training and saving work" "$rc" "0"
# the features of every row, and every row with its label
tail -n +2 all.csv | cut -d, -f1,2 >rows.csv
cp all.csv labelled.csv

"$NNLAB" --model net.nnl --predict rows.csv >shell.csv 2>shell.err && rc=0 || rc=$?
is "--predict: exit status 0" "$rc" "0"
is "--predict: nothing on standard error" "$(cat shell.err)" ""
is "--predict: a header and one line per row" "$(wc -l <shell.csv | tr -d ' ')" "181"
is "--predict: the header" "$(head -1 shell.csv)" "x1,x2,predicted,p_0,p_1,p_2"

nn -c 'load net.nnl; predict rows.csv out=session.csv; predict labelled.csv' >session.txt 2>&1 && rc=0 || rc=$?
is "in the session: exit status 0" "$rc" "0"
if cmp -s shell.csv session.csv; then ok "the shell's CSV equals the session's"; else not_ok "the shell's CSV differs from the session's"; fi

# every row: probabilities sum to 1, the class is the largest one
bad=$(awk -F, 'NR > 1 { s = $4 + $5 + $6; if (s < 0.99999 || s > 1.00001) print "sum " NR;
	m = 0; for (j = 1; j < 3; j++) if ($(4 + j) > $(4 + m)) m = j; if (m != $3) print "class " NR }' shell.csv)
is "probabilities sum to 1 and the class is the largest" "$bad" ""

# the same row typed after predict gives the same percentages
row=$(sed -n 2p shell.csv)
x1=$(echo "$row" | cut -d, -f1) x2=$(echo "$row" | cut -d, -f2)
typed=$(nn -c "load net.nnl; predict $x1 $x2" 2>&1)
want=$(echo "$row" | awk -F, '{ printf "softmax: class 0 %.2f%%, class 1 %.2f%%, class 2 %.2f%%", 100*$4, 100*$5, 100*$6 }')
contains "predict X1 X2 agrees with the file's first row" "$typed" "$want"
# and the softmax of its outputs, computed here, agrees with the CSV
outs=$(printf '%s\n' "$typed" | sed -n 's/.*-> output (\(.*\))$/\1/p' | tr -d ' ')
calc=$(echo "$outs" | awk -F, '{ m = $1; for (i = 2; i <= 3; i++) if ($i > m) m = $i; s = 0;
	for (i = 1; i <= 3; i++) { e[i] = exp($i - m); s += e[i] } printf "%.3f,%.3f,%.3f", e[1]/s, e[2]/s, e[3]/s }')
mine=$(echo "$row" | awk -F, '{ printf "%.3f,%.3f,%.3f", $4, $5, $6 }')
is "a softmax of the outputs (4 digits) matches the probabilities" "$calc" "$mine"

# the accuracy on the labelled file: counted here from the CSV
acc=$(nn -c 'load net.nnl; predict labelled.csv out=lab-pred.csv' >/dev/null 2>&1; paste -d, all.csv lab-pred.csv | awk -F, 'NR > 1 { n++; if ($3 == $6) r++ } END { printf "%.2f%% (%d of %d right)", 100*r/n, r, n }')
contains "the accuracy against the labels is counted right" "$(cat session.txt)" "accuracy against the file's labels: $acc"
# and it agrees with eval on all the rows: train and test together
tr_right=$(sed -n 's/^train: .*(\([0-9]*\) right)/\1/p' train.txt)
nn -c 'load net.nnl; eval' >eval.txt 2>&1
r1=$(sed -n 's/^train: .*(\([0-9]*\) right)/\1/p' eval.txt) r2=$(sed -n 's/^test: .*(\([0-9]*\) right)/\1/p' eval.txt)
contains "the accuracy equals eval's right answers over all rows" "$acc" "($((r1 + r2)) of 180 right)"

# errors: on standard error, status 1, nothing on standard output
"$NNLAB" --model net.nnl --predict missing.csv >out.csv 2>err.txt && rc=0 || rc=$?
is "a missing file: status 1" "$rc" "1"
is "a missing file: nothing on standard output" "$(cat out.csv)" ""
is "a missing file: the message" "$(cat err.txt)" \
	"error: cannot open 'missing.csv': No such file or directory; give the path of a CSV file of at most 64 MiB"
"$NNLAB" --model nonet.nnl --predict rows.csv >out.csv 2>err.txt && rc=0 || rc=$?
is "a missing network: status 1" "$rc" "1"
is "a missing network: nothing on standard output" "$(cat out.csv)" ""
contains "a missing network: the message names it" "$(cat err.txt)" "nonet.nnl"
"$NNLAB" --model net.nnl >out.csv 2>err.txt && rc=0 || rc=$?
is "--model alone: status 2" "$rc" "2"
is "--model alone: the message" "$(cat err.txt)" "nnlab: --model and --predict go together: nnlab --model NET.nnl --predict FILE.csv"
"$NNLAB" --model net.nnl --predict rows.csv -c 'seed 1' >out.csv 2>err.txt && rc=0 || rc=$?
is "--predict with -c: status 2" "$rc" "2"
done_testing
