#!/usr/bin/env python3
"""Run a command and report its wall time and two memory peaks (Linux).

    scripts/peak-memory.py OUT -- COMMAND [ARG...]

Writes one line to OUT: wall seconds, peak RSS in KB (the kernel's high-water mark, ru_maxrss),
and peak anonymous memory in KB. The command's exit status becomes this script's.

Peak RSS counts every page mapped into the process, including the clean pages of the
executable and its shared libraries, which the page cache shares with every process running
the same binary, drops under pressure, and which do not grow with the estate (erlint's are
20 to 27 MB). Anonymous memory (RssAnon: the heap, stacks, relocated data) is what the audit
itself allocates. The kernel keeps no high-water mark of it, so it is sampled from
/proc/PID/status every 5 ms; memory that rises and falls within 5 ms can be missed, and an
audit's memory moves with its batches, over tens of milliseconds.
"""
import os
import sys
import time


def anonymous_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit("usage: peak-memory.py OUT -- COMMAND [ARG...]")
    out, command = sys.argv[1], sys.argv[3:]
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    peak_anon = 0
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        peak_anon = max(peak_anon, anonymous_kb(pid))
        time.sleep(0.005)
    seconds = time.monotonic() - started
    with open(out, "w") as f:
        f.write(f"{seconds:.3f} {usage.ru_maxrss} {peak_anon}\n")
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
