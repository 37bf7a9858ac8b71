#!/bin/sh
# badinput.sh - no input line crashes nnlab or changes its state: empty
# lines, a 1 MB line, binary bytes, invalid UTF-8, unbalanced quotes,
# control characters, NUL bytes.  Each bad line is followed by
# `show state`, which must print what it printed before.
. "${top_srcdir:-..}/tests/setup.sh"

state0=$(nn -c 'seed 5; set digits 6; show state' | sed -n '/^seed: /,$p')

# run_bad NAME FILE: FILE holds 'seed 5', 'set digits 6', then bad lines,
# then 'show state'
run_bad() {
	name=$1 file=$2
	out=$(nn --keep-going "$file" 2>&1) && rc=0 || rc=$?
	if [ "$rc" -eq 1 ]; then ok "$name: exit status 1"; else not_ok "$name: exit status $rc (want 1)"; diag "$out"; fi
	case $out in
	*"error: "*) ok "$name: an error message" ;;
	*) not_ok "$name: no error message"; diag "$out" ;;
	esac
	state=$(printf '%s\n' "$out" | sed -n '/^seed: /,$p')
	is "$name: state unchanged" "$state" "$state0"
}

mk() { { printf 'seed 5\nset digits 6\n'; cat; printf 'show state\n'; } >"$TMPD/$1"; }

# a 1 MB line
awk 'BEGIN { s = "seed"; while (length(s) < 1048576) s = s " 123456789"; print s }' | mk long
run_bad "1 MB line" "$TMPD/long"
out=$(nn --keep-going "$TMPD/long" 2>&1 || true)
contains "1 MB line: says it is too long" "$out" "the line is too long (1048"

printf 'seed \377\376\n' | mk utf8
run_bad "invalid UTF-8" "$TMPD/utf8"
out=$(nn --keep-going "$TMPD/utf8" 2>&1 || true)
contains "invalid UTF-8: names the byte" "$out" "utf8:3: error: the line is not valid UTF-8 (byte 0xFF at column 6)"

printf 'seed "12\n' | mk quote
run_bad "unbalanced quote" "$TMPD/quote"

printf 'seed \033[2J\n' | mk esc
run_bad "terminal escape" "$TMPD/esc"
out=$(nn --keep-going "$TMPD/esc" 2>&1 || true)
case $out in *"$(printf '\033')"*) not_ok "escape bytes never reach the output" ;; *) ok "escape bytes never reach the output" ;; esac

# a binary file as a script is refused whole, before any line runs
head -c 3000 /dev/urandom >"$TMPD/noise"
printf 'seed 1\0\n' >>"$TMPD/noise"
out=$(nn --keep-going "$TMPD/noise" 2>&1) && rc=0 || rc=$?
is "binary script: exit status 1" "$rc" "1"
contains "binary script: refused" "$out" "contains NUL bytes and is not a script"
case $out in *"$(printf '\033')"*) not_ok "binary script: no escape byte echoed" ;; *) ok "binary script: no escape byte echoed" ;; esac

# random bytes and NUL bytes on standard input: each line is refused alone
{ printf 'seed 5\nset digits 6\n'; head -c 3000 /dev/urandom | tr -d '\n'; printf '\nseed 1\0seed 2\nshow state\n'; } >"$TMPD/stdin-noise"
out=$(nn --keep-going <"$TMPD/stdin-noise" 2>&1) && rc=0 || rc=$?
is "random bytes on stdin: exit status 1" "$rc" "1"
state=$(printf '%s\n' "$out" | sed -n '/^seed: /,$p')
is "random bytes on stdin: state unchanged" "$state" "$state0"
contains "NUL on stdin: refused" "$out" "contains a NUL byte"
case $out in *"$(printf '\033')"*) not_ok "random bytes on stdin: no escape byte echoed" ;; *) ok "random bytes on stdin: no escape byte echoed" ;; esac

printf 'set digits 9x\nset digits 1e400\nset digits -0\nseed 2147483648\nseed +\n' | mk numbers
run_bad "bad numbers" "$TMPD/numbers"
out=$(nn --keep-going "$TMPD/numbers" 2>&1 || true)
n=$(printf '%s\n' "$out" | grep -c 'error: ')
is "bad numbers: five errors" "$n" "5"

# empty and blank lines are fine, and change nothing
printf '\n   \n\t\n;;\n# comment\n' | mk empty
out=$(nn "$TMPD/empty" 2>&1) && rc=0 || rc=$?
is "empty lines: exit status 0" "$rc" "0"
state=$(printf '%s\n' "$out" | sed -n '/^seed: /,$p')
is "empty lines: state unchanged" "$state" "$state0"

# the same bad lines on stdin and through -c
out=$(printf 'seed "x\nseed 4\nseed\n' | nn --keep-going 2>&1 || true)
contains "stdin: location of the error" "$out" "stdin:1: error: unterminated string"
contains "stdin: goes on with --keep-going" "$out" "seed 4 (0 random draws since)"
done_testing
