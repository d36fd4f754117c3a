#!/usr/bin/env bash
echo "no number here"
