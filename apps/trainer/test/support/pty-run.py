"""Runs a command in a pseudo-terminal and types Ctrl-C into it, the way a user at a terminal does.

usage: python3 pty-run.py <cwd> <timeout-seconds> <interrupt-after-regex> <command> [args...]

The command becomes the session leader and the foreground process group of a new terminal, as a shell's
job control would make it, so the terminal driver delivers the typed Ctrl-C (\\x03) to every process in
that group. Everything the command writes is copied to stdout. Once the command has exited and the
terminal has closed, the last line is `pty-run: exit <code>` (128 + n for a command killed by signal n).
Past the timeout the whole group is killed and the last line is `pty-run: timeout`.
An empty regex never interrupts.
"""

import os
import pty
import re
import select
import signal
import sys
import time


def main() -> int:
    cwd, timeout, pattern, *command = sys.argv[1:]
    deadline = time.monotonic() + float(timeout)
    interrupt_at = re.compile(pattern) if pattern else None
    pid, master = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        os.execvp(command[0], command)
    seen = ""
    interrupted = False
    status = None
    while True:
        if time.monotonic() > deadline:
            os.killpg(pid, signal.SIGKILL)
            sys.stdout.write("\npty-run: timeout\n")
            return 0
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: every process holding the terminal has closed it
                chunk = b""
            if not chunk:
                break
            sys.stdout.buffer.write(chunk)
            sys.stdout.flush()
            seen += chunk.decode("utf-8", "replace")
            if interrupt_at and not interrupted and interrupt_at.search(seen):
                os.write(master, b"\x03")
                interrupted = True
        if status is None:
            done, raw = os.waitpid(pid, os.WNOHANG)
            if done:
                status = raw
    if status is None:
        _, status = os.waitpid(pid, 0)
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)
    sys.stdout.write(f"\npty-run: exit {code}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
