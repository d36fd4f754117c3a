#!/usr/bin/env bash
# Fails with a coloured error message on standard error.
printf 'loading\n\033[31mRuntimeError: \033[1mboom\033[0m\n' >&2
exit 4
