"""Prints (x - 2)^2 + (layers - 3)^2 as its last line, after checking that the parameters arrive by every route."""
import json
import os
import sys

args = dict(zip(sys.argv[1::2], sys.argv[2::2]))
x = float(args["--x"])
layers = int(args["--layers"])
with open(os.environ["ASTROLABE_PARAMS_FILE"]) as f:
    params = json.load(f)
assert params["x"] == x, (params, x)
assert float(os.environ["ASTROLABE_PARAM_X"]) == x
assert int(os.environ["ASTROLABE_TRIAL_NUMBER"]) >= 0
print("training…")
print((x - 2) ** 2 + (layers - 3) ** 2)
