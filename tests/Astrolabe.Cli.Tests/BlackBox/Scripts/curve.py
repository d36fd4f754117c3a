"""A learning curve: reports {"step", "value"} lines that converge to the quality of lr, then the final value."""
import json
import sys
import time

lr = float(sys.argv[1])
final = abs(lr - 0.3)
for step in range(10):
    value = final + 1.0 / (step + 1)
    print(json.dumps({"step": step, "value": value}), flush=True)
    time.sleep(0.01)
print(json.dumps({"value": final}))
