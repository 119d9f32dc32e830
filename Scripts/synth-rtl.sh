#!/usr/bin/env bash
# Synthesizes the reference RTL of a hardware config with Yosys `synth_xilinx` (7-series cells) and
# prints its cell counts; fails when the netlist holds a latch. For small arrays: the SRAM buffers
# are behavioural memories with a read port per lane, so a preset's buffers become flip-flops and
# multiplexers, and the lanes' address arithmetic has 64-bit dividers.
# Usage: Scripts/synth-rtl.sh TARGET [DIR]   (TARGET: a preset name or a JSON config file; DIR keeps
# the sources, synth.log and stat.txt). VGGC names the vggc binary (default .build/debug/vggc).
set -euo pipefail
target=${1:?usage: Scripts/synth-rtl.sh TARGET [DIR]}
directory=${2:-$(mktemp -d)}
vggc=${VGGC:-.build/debug/vggc}
"$vggc" rtl --target "$target" -o "$directory" >/dev/null
cd "$directory"
files=$(python3 -c 'import json; print(" ".join(json.load(open("manifest.json"))["files"]))')
yosys -q -l synth.log -p "read_verilog -sv $files; synth_xilinx -top vggc_top -flatten; \
    select -assert-none t:LDCE t:LDPE t:\$dlatch t:\$_DLATCH_*; tee -q -o stat.txt stat"
grep -E "Number of cells|LUT[1-6]|FD[CPRS]E|DSP48E1|RAMB|RAM[0-9]+[MX]|CARRY4|MUXF[78]" stat.txt
echo "synth-rtl: $target synthesized without latches; sources and logs in $directory"
