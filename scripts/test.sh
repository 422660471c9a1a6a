#!/usr/bin/env bash
# Installs what is missing, builds huntq and runs the whole test suite through CTest.
# BUILD_DIR and CMAKE_ARGS may be set to build elsewhere or differently (CI's sanitizer run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
build=${BUILD_DIR:-build}
# shellcheck disable=SC2086
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release ${CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j"$(nproc)"
ASAN_OPTIONS=detect_leaks=1 ctest --test-dir "$build" --output-on-failure -j"$(nproc)"
