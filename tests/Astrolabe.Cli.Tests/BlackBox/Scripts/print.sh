#!/usr/bin/env bash
# Prints the parameter "line" (from its environment variable), then the value 1.
printf '%s\n' "$ASTROLABE_PARAM_LINE"
echo 1
