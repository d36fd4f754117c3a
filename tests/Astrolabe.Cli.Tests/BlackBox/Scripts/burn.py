"""Spends SECONDS of CPU time (busy loop), then prints as its objective value the CPU time its process has used in
all (os.times: user and system, its own and its waited-for children's, including whatever ran in this process
before an exec, e.g. a version manager's shim)."""
import os
import sys
import time

seconds = float(sys.argv[1])
start = time.process_time()
x = 0.0
while time.process_time() - start < seconds:
    x += 1.0
t = os.times()
print(t.user + t.system + t.children_user + t.children_system)
