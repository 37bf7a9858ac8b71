#!/bin/sh
# batch.sh - batch mode: -c, script files, stdin; FILE:LINE errors and exit
# status; --keep-going, -q, --seed, --echo; GNU-style --help and --version.
. "${top_srcdir:-..}/tests/setup.sh"

out=$(nn -c 'seed 9; seed') && rc=0 || rc=$?
is "-c runs commands" "$rc" "0"
contains "-c: output" "$out" "seed 9 (0 random draws since)"

printf 'seed 2\n# a comment\n\nseed 3 ; seed\nbogus\nseed 4\n' >"$TMPD/s.nn"
out=$(nn "$TMPD/s.nn" 2>&1) && rc=0 || rc=$?
is "a script stops at its first error with status 1" "$rc" "1"
contains "error carries FILE:LINE" "$out" "$TMPD/s.nn:5: error: unknown command 'bogus'"
case $out in *"seed 4"*) not_ok "nothing after the error runs" ;; *) ok "nothing after the error runs" ;; esac

out=$(nn --keep-going "$TMPD/s.nn" 2>&1) && rc=0 || rc=$?
is "--keep-going still exits 1" "$rc" "1"
contains "--keep-going goes on" "$out" "seed 4:"

out=$(printf 'seed 6\nseed\n' | nn 2>&1)
contains "commands on stdin" "$out" "seed 6 (0 random draws since)"
case $out in *"nnlab>"*) not_ok "no prompt in batch mode" ;; *) ok "no prompt in batch mode" ;; esac

out=$(nn --seed 77 -c 'seed')
contains "--seed" "$out" "seed 77"
out=$(nn --echo -c 'seed 1')
contains "--echo shows the command" "$out" "nnlab> seed 1"
out=$(nn -q -c 'seed 1; help')
is "-q prints nothing but errors" "$out" ""
out=$(nn -q -c 'bogus' 2>&1 || true)
contains "-q still prints errors" "$out" "error: unknown command"

out=$(nn --help)
contains "--help: usage line" "$out" "Usage: nnlab [OPTION]... [FILE]"
out=$(nn --version)
contains "--version: GNU style" "$out" "License GPLv3+"
nn --frobnicate >/dev/null 2>&1 && rc=0 || rc=$?
is "unknown option: status 2" "$rc" "2"
nn --seed=abc -c help >/dev/null 2>&1 && rc=0 || rc=$?
is "bad --seed: status 2" "$rc" "2"
nn -c help "$TMPD/s.nn" >/dev/null 2>&1 && rc=0 || rc=$?
is "-c and FILE together: status 2" "$rc" "2"
out=$(nn /nonexistent.nn 2>&1) && rc=0 || rc=$?
is "missing script: status 1" "$rc" "1"
contains "missing script: message" "$out" "cannot open '/nonexistent.nn'"

# source: nested files report their own location; depth is limited
printf 'seed 11\nsource %s/inner.nn\nseed 12\n' "$TMPD" >"$TMPD/outer.nn"
printf 'seed 13\nnope\n' >"$TMPD/inner.nn"
out=$(nn "$TMPD/outer.nn" 2>&1 || true)
contains "source: inner location" "$out" "$TMPD/inner.nn:2: error: unknown command 'nope'"
printf 'source %s/self.nn\n' "$TMPD" >"$TMPD/self.nn"
out=$(nn "$TMPD/self.nn" 2>&1 || true)
contains "source: recursion is stopped" "$out" "nested more than 16 deep"

# the same commands and seed give byte-identical output
a=$(nn -c 'seed 3; show state; help')
b=$(nn -c 'seed 3; show state; help')
is "deterministic output" "$a" "$b"

# NO_COLOR and a non-terminal: no escape sequences at all
out=$(nn -c 'bogus' 2>&1 || true)
case $out in *"$(printf '\033')"*) not_ok "no colour codes in batch mode" ;; *) ok "no colour codes in batch mode" ;; esac

# lessons from the command line
lessons=$top_srcdir/tests/lessons
out=$(nn -q --check-lesson "$lessons/demo.lesson" 2>&1) && rc=0 || rc=$?
is "--check-lesson of a good lesson: status 0" "$rc" "0"
is "--check-lesson -q: silent when all is well" "$out" ""
out=$(nn --check-lesson "$lessons/broken.lesson" 2>&1) && rc=0 || rc=$?
is "--check-lesson of a broken lesson: status 1" "$rc" "1"
n=$(printf '%s\n' "$out" | grep -c 'broken.lesson:[0-9]*: error: ')
is "--check-lesson lists every error" "$n" "15"
XDG_STATE_HOME=$TMPD/state-lesson
out=$(nn --lesson "$lessons/demo.lesson" -c 'next; seed 42; next; progress' 2>&1) && rc=0 || rc=$?
is "--lesson then commands: status 0" "$rc" "0"
contains "--lesson: the lesson runs" "$out" "Well done: that is the command this step asked for."
contains "--lesson: progress" "$out" "step 3 of 6"
out=$(nn --no-skip --lesson "$lessons/demo.lesson" -c 'skip' 2>&1 || true)
contains "--no-skip refuses skip" "$out" "started nnlab with --no-skip"
# progress is saved and resumed, replaying the earlier steps
XDG_STATE_HOME=$TMPD/state-resume
nn --lesson "$lessons/demo.lesson" -c 'next; seed 42; next' >/dev/null 2>&1 || true
out=$(nn --lesson "$lessons/demo.lesson" -c 'show state' 2>&1 || true)
contains "a lesson resumes where it was left" "$out" "Resuming 'Seeds and settings' at step 3 of 6"
contains "resuming replays the earlier commands" "$out" "seed: 42"

# quit ends a script early, successfully
out=$(printf 'seed 1\nquit\nbogus\n' | nn 2>&1) && rc=0 || rc=$?
is "quit ends the script with status 0" "$rc" "0"
done_testing
