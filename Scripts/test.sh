#!/usr/bin/env bash
# The test command: installs missing dependencies, then runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
swift test -c release -Xswiftc -enable-testing "$@"
