"""Appends its arguments (after the output path) as one JSON line to the output path, then prints 0."""
import json
import sys

with open(sys.argv[1], "a") as f:
    f.write(json.dumps(sys.argv[2:]) + "\n")
print(0)
