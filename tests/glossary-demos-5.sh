#!/bin/sh
# glossary-demos-5.sh - the fifth part of the glossary's demos: every entry's
# try: line runs (see tests/glossary-demos.inc for how the parts are dealt out)
# valgrind-id also: tests/glossary-demos.inc
shard=5
. "${top_srcdir:-..}/tests/glossary-demos.inc"
