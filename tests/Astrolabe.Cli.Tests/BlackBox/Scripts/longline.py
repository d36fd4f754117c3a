"""Prints one line of argv[1] bytes, then the value 1."""
import sys

sys.stdout.write("x" * int(sys.argv[1]) + "\n")
print(1)
