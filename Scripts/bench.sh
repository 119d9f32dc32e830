#!/usr/bin/env bash
# The benchmark: builds vggc in release mode and measures every target of ../shared/DESIGN.md side
# by side with its peer, writing docs/BENCHMARKS.md (see Scripts/bench.py for the figures).
#   Scripts/bench.sh [--runs N] [--quick] [--no-write]
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 Scripts/bench.py "$@"
