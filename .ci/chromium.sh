#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium when no Chromium or Chrome is on PATH (the dashboard's browser
# tests and `astrolabe plot --out *.svg|*.png` need one). Prints the executable it found or installed.
set -euo pipefail
for name in chromium chromium-browser google-chrome google-chrome-stable; do
  if command -v "$name" >/dev/null 2>&1; then
    command -v "$name"
    exit 0
  fi
done
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq chromium >/dev/null
command -v chromium
