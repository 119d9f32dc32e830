#!/usr/bin/env bash
# Synthesizes the reference RTL of a hardware config with Yosys: first `proc`, failing when any
# process infers a latch (a minute for a small array), then, with --xilinx, `synth_xilinx`
# (7-series cells) and its cell counts. The design is behavioural where it is simplest: the SRAM
# buffers have a read port per lane (a preset's buffers become flip-flops and multiplexers) and the
# lanes' address arithmetic multiplies and divides 64-bit values, so synth_xilinx is slow even for a
# 2×2×1×1 array (docs/ISA.md, "The reference RTL").
# Usage: Scripts/synth-rtl.sh TARGET [DIR] [--xilinx]   (TARGET: a preset name or a JSON config
# file; DIR keeps the sources and Yosys's logs). VGGC names the vggc binary (default .build/debug/vggc).
set -euo pipefail
target=${1:?usage: Scripts/synth-rtl.sh TARGET [DIR] [--xilinx]}
directory=${2:-$(mktemp -d)}
vggc=${VGGC:-.build/debug/vggc}
"$vggc" rtl --target "$target" -o "$directory" >/dev/null
cd "$directory"
files=$(python3 -c 'import json; print(" ".join(json.load(open("manifest.json"))["files"]))')
yosys -q -l proc.log -p "read_verilog -sv $files; hierarchy -check -top vggc_top; proc; \
    select -assert-none t:\$dlatch t:\$adlatch t:\$dlatchsr"
echo "synth-rtl: $target: no latches (proc.log in $directory)"
if [[ "${3:-}" == "--xilinx" ]]; then
    yosys -q -l synth.log -p "read_verilog -sv $files; synth_xilinx -top vggc_top -flatten; \
        select -assert-none t:LDCE t:LDPE; tee -q -o stat.txt stat"
    grep -E "Number of cells|LUT[1-6]|FD[CPRS]E|DSP48E1|RAMB|RAM[0-9]+[MX]|CARRY4|MUXF[78]" stat.txt
fi
