#!/usr/bin/env bash
# Leaves a background process that holds standard output open and outlives its parent (its pid goes to $1), then
# prints 1 and exits ($2 = exit) or keeps running ($2 = stay).
( sleep 1000 & echo $! > "$1.tmp" && mv "$1.tmp" "$1" )
if [ "$2" = stay ]; then sleep 1000; fi
echo 1
