"""Runs a command with its standard input on a new terminal and its output on pipes (as in `cmd | tee log` typed
at a terminal); writes what reached the terminal to argv[1] and the command's output to stdout; exits with its code."""
import os
import pty
import subprocess
import sys

master, slave = pty.openpty()
result = subprocess.run(sys.argv[2:], stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
os.close(slave)
seen = b""
try:
    while True:
        chunk = os.read(master, 65536)
        if not chunk:
            break
        seen += chunk
except OSError:
    pass
with open(sys.argv[1], "wb") as f:
    f.write(seen)
sys.stdout.buffer.write(result.stdout)
sys.exit(result.returncode)
