#!/usr/bin/env bash
# Writes its pid to $1, waits until the file $2 exists, then prints 1.
echo $$ > "$1.tmp" && mv "$1.tmp" "$1"
while [ ! -e "$2" ]; do sleep 0.05; done
echo 1
