# tests/more.mk - hyper-parameter sweeps, predictions from files and from
# the shell, and the first five minutes (issue 10): the bad input of
# sweep and predict, predict end to end through `nnlab --model --predict`,
# a seeded sweep reaching its stated outcome (and Ctrl-C keeping what
# finished), the greeting on a terminal and the messages that say what
# to do next.  Transcripts: tests/transcripts/more-*.cmds.
dist_check_SCRIPTS += tests/more-bad.sh
dist_check_SCRIPTS += tests/more-predict.sh
dist_check_SCRIPTS += tests/more-sweep.sh
dist_check_SCRIPTS += tests/more-first.sh
