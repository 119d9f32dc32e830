#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build and test vggc: the C libraries (Debian
# packages) and the pinned Python packages the tests use as independent references (onnx for its
# conformance vectors, onnxruntime as the peer implementation, numpy for the zoo weights), and
# Chromium, in which a test renders `vggc report`'s HTML headless, and Verilator, Yosys and Icarus
# Verilog for the reference RTL (Tests/RTLTests, `vggc cosim`).
# Idempotent: installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=(libopenblas-dev zlib1g-dev libpng-dev libjpeg62-turbo-dev pkg-config chromium python3 python3-pip verilator yosys iverilog)
missing=()
for package in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# python3/pip may come from elsewhere (pyenv); only ask apt for them when no python3 is on PATH.
if command -v python3 >/dev/null && python3 -m pip --version >/dev/null 2>&1; then
    missing=("${missing[@]/python3-pip}"); missing=("${missing[@]/python3}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if ((${#missing[@]})); then
    echo "install-deps: apt-get install ${missing[*]}" >&2
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore -r requirements-ci.txt; then
    # Debian's own python refuses system-wide installs (PEP 668).
    python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore --break-system-packages -r requirements-ci.txt
fi
