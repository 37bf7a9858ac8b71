#!/usr/bin/env python3
# fault-pty.py - run a program in a pseudo-terminal and act on it the way
# the fault tests need: type, wait for text, send signals, resize, wait
# for the exit; then say how it ended and whether the terminal modes it
# was given are the ones it left behind.  Used by tests/fault-*.sh.
#
#   fault-pty.py [-s COLSxROWS] [-t SECONDS] [-o FILE] -- PROGRAM ARG...
#
# Actions come on standard input, one a line:
#   send TEXT          type TEXT (\n \r \t \e \xHH escapes; ^C is \x03)
#   wait REGEX [SECS]  until the output after the last match matches REGEX
#   sleep SECS         let the program run (reading its output meanwhile)
#   kill SIG           send SIGINT, SIGTERM, SIGHUP, SIGWINCH... to it
#   resize COLS ROWS   set the window size (the kernel sends SIGWINCH)
#   exit [SECS]        wait for the program to end
#   hangup             close the terminal (the program gets SIGHUP and EOF)
# Every wait is multiplied by NNLAB_TIME_FACTOR (valgrind is slow).
#
# Printed at the end: "status N" or "signal N" (or "hang" when an action
# or the whole run timed out; the program is then killed), "termios
# same|changed" ("gone" after a hangup), and "altscreen balanced|left
# on".  The output the program wrote goes to FILE.  Exit status 0
# unless the run hung or a wait failed (then 1, with the reason on
# standard error).
# Not a terminal emulator: the output is kept as raw bytes.
import fcntl
import os
import re
import select
import signal
import struct
import sys
import termios
import time

factor = float(os.environ.get("NNLAB_TIME_FACTOR", "1") or 1)


def main():
    cols, rows, total, outpath = 80, 24, 60.0, None
    argv = sys.argv[1:]
    while argv and argv[0] != "--":
        opt, val = argv[0], argv[1]
        argv = argv[2:]
        if opt == "-s":
            cols, rows = (int(x) for x in val.split("x"))
        elif opt == "-t":
            total = float(val)
        elif opt == "-o":
            outpath = val
        else:
            sys.exit("fault-pty.py: unknown option " + opt)
    prog = argv[1:]
    deadline = time.monotonic() + total * factor

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    before = termios.tcgetattr(slave)
    pid = os.fork()
    if pid == 0:
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        os.close(master)
        os.close(slave)
        try:
            os.execvp(prog[0], prog)
        finally:
            os._exit(127)

    out = bytearray()
    mark = 0
    status = None
    failed = None

    def pump(until):
        """Read output until the time 'until' or the child's exit."""
        nonlocal status
        while True:
            now = time.monotonic()
            left = min(until, deadline) - now
            if master is None:
                time.sleep(max(0.0, min(left, 0.05)))
                r = []
            else:
                r, _, _ = select.select([master], [], [], max(0.0, min(left, 0.05)))
            if r:
                try:
                    data = os.read(master, 65536)
                except OSError:
                    data = b""
                out.extend(data)
            if status is None:
                w, st = os.waitpid(pid, os.WNOHANG)
                if w == pid:
                    status = st
            if left <= 0 or (status is not None and not r):
                return

    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        verb, _, arg = line.partition(" ")
        if time.monotonic() > deadline:
            failed = "the run took too long"
            break
        if verb == "send":
            text = arg.encode().decode("unicode_escape").encode("latin-1")
            if status is None and master is not None:
                os.write(master, text)
            pump(time.monotonic() + 0.01)
        elif verb == "wait":
            m = re.match(r"(.*?)(?: ([0-9.]+))?$", arg)
            rx, secs = re.compile(m.group(1).encode()), float(m.group(2) or 20)
            until = time.monotonic() + secs * factor
            while True:
                hit = rx.search(out, mark)
                if hit:
                    mark = hit.end()
                    break
                if time.monotonic() > until or time.monotonic() > deadline or status is not None:
                    failed = "no %r in the output" % m.group(1)
                    break
                pump(time.monotonic() + 0.05)
            if failed:
                break
        elif verb == "sleep":
            pump(time.monotonic() + float(arg) * factor)
        elif verb == "kill":
            if status is None:
                os.kill(pid, getattr(signal, arg))
            pump(time.monotonic() + 0.01)
        elif verb == "resize":
            c, r = (int(x) for x in arg.split())
            fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", r, c, 0, 0))
            pump(time.monotonic() + 0.005)
        elif verb == "hangup":
            os.close(master)
            master = None
            pump(time.monotonic() + 0.01)
        elif verb == "exit":
            until = time.monotonic() + float(arg or 20) * factor
            while status is None and time.monotonic() < until and time.monotonic() < deadline:
                pump(time.monotonic() + 0.05)
            if status is None:
                failed = "the program did not leave"
                break
        else:
            sys.exit("fault-pty.py: unknown action " + verb)

    if status is None and not failed:
        pump(deadline)
    if status is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        print("hang")
    elif os.WIFEXITED(status):
        print("status %d" % os.WEXITSTATUS(status))
    else:
        print("signal %d" % os.WTERMSIG(status))
    # what is left to read (the program has gone: the slave is ours only)
    while master is not None and select.select([master], [], [], 0)[0]:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        out.extend(data)
    try:
        after = termios.tcgetattr(slave)
        print("termios " + ("same" if after == before else "changed"))
    except termios.error:
        print("termios gone")  # the terminal was hung up
    on, off = out.count(b"\x1b[?1049h"), out.count(b"\x1b[?1049l")
    print("altscreen " + ("balanced" if on == off else "left on"))
    if outpath:
        with open(outpath, "wb") as f:
            f.write(out)
    if failed:
        print("fault-pty.py: " + failed, file=sys.stderr)
    sys.exit(1 if failed or status is None else 0)


main()
