#!/usr/bin/env bash
# Installs, with apt-get, exactly the Debian 12 packages that building and testing huntq need.
# Usage: scripts/install-deps.sh [--bench] [--fuzz]
#   --bench adds what bench/ needs: jq, nodejs, npm, hyperfine
#   --fuzz adds what scripts/fuzz.sh needs: clang 14 and its libFuzzer/sanitizer runtimes
set -euo pipefail
pkgs=(build-essential cmake pkg-config
      libsimdjson-dev libcli11-dev libfmt-dev catch2 libfyaml-dev libre2-dev zlib1g-dev libisal-dev
      libutf8proc-dev
      libxml2-utils)  # xmllint: the test of huntq test --junit validates the report with it
for arg in "$@"; do
  case $arg in
    --bench) pkgs+=(jq nodejs npm hyperfine time) ;;
    --fuzz) pkgs+=(clang-14 libclang-rt-14-dev) ;;
    *) echo "install-deps.sh: unknown option '$arg'" >&2; exit 2 ;;
  esac
done
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
