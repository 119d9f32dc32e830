#!/usr/bin/env bash
# Synthesizes the reference RTL of a hardware config with Yosys (single-threaded; run one at a time).
# Without --xilinx: `proc`, failing when any process infers a latch. With --xilinx: `synth_xilinx`
# (7-series cells), failing on any latch cell (LDCE/LDPE), then its cell counts in DIR/stat.txt and
# a summary in DIR/resources.json (LUT, FF, DSP48E1, RAMB36E1, RAMB18E1, LUTRAM cells, seconds).
# With --blackbox-buffers the four SRAM buffers stay black boxes, so the counts are the logic alone
# (control, address chains, PE array, lanes): the buffers are behavioural memories with a port per
# lane, which Yosys builds from flip-flops and multiplexers (docs/ISA.md, "The reference RTL"), so a
# preset's buffers do not synthesize in reasonable time; give a JSON config with small buffers to
# synthesize them too.
# Usage: Scripts/synth-rtl.sh TARGET [DIR] [--xilinx] [--blackbox-buffers]   (TARGET: a preset name
# or a JSON config file; DIR keeps the sources and Yosys's logs). VGGC names the vggc binary
# (default .build/debug/vggc); SYNTH_TIMEOUT bounds Yosys's run in seconds (default 3600).
set -euo pipefail
target=${1:?usage: Scripts/synth-rtl.sh TARGET [DIR] [--xilinx] [--blackbox-buffers]}
directory=${2:-$(mktemp -d)}
shift $(( $# < 2 ? $# : 2 ))
xilinx=false
blackbox=false
for option in "$@"; do
    case "$option" in
        --xilinx) xilinx=true ;;
        --blackbox-buffers) blackbox=true ;;
        *) echo "synth-rtl: unknown option $option" >&2; exit 2 ;;
    esac
done
vggc=${VGGC:-.build/debug/vggc}
"$vggc" rtl --target "$target" -o "$directory" >/dev/null
cd "$directory"
files=$(python3 -c 'import json; print(" ".join(json.load(open("manifest.json"))["files"]))')
if $blackbox; then
    # The buffer's parameters and ports without its body, marked as a black box.
    python3 - <<'EOF'
text = open("vggc_sram_buffer.sv").read()
header = text[text.index("module vggc_sram_buffer"):text.index(");", text.index("module vggc_sram_buffer")) + 2]
open("vggc_sram_buffer_blackbox.sv", "w").write("(* blackbox *)\n" + header + "\nendmodule\n")
EOF
    files=${files/vggc_sram_buffer.sv/vggc_sram_buffer_blackbox.sv}
fi
run_yosys() { timeout "${SYNTH_TIMEOUT:-3600}" yosys -q "$@"; }
if ! $xilinx; then
    run_yosys -l proc.log -p "read_verilog -sv $files; hierarchy -check -top vggc_top; proc; \
        select -assert-none t:\$dlatch t:\$adlatch t:\$dlatchsr"
    echo "synth-rtl: $target: no latches (proc.log in $directory)"
    exit 0
fi
# synth_xilinx in two runs around its `coarse` step, which is repeated without `share`: the SAT-based
# resource sharing does not finish on the lanes' multiplexed datapath (the exclusive POST, POOL and
# ADD products, the conditional buffer reads), so operators of exclusive instructions are not merged.
# The hierarchy is kept (no -flatten): each distinct module is synthesized once, however often it is
# instantiated (de1soc's 72 lanes are one vggc_lane), and the counts are the hierarchy's totals.
started=$(date +%s)
run_yosys -l synth.log -p "read_verilog -sv $files; synth_xilinx -top vggc_top -run begin:coarse; \
    techmap -map +/cmp2lut.v -map +/cmp2lcu.v -D LUT_WIDTH=6; alumacc; opt; memory -nomap; opt_clean; \
    synth_xilinx -top vggc_top -run map_memory:; \
    select -assert-none t:LDCE t:LDPE; tee -q -o stat.txt stat -top vggc_top"
seconds=$(( $(date +%s) - started ))
python3 - "$target" "$seconds" "$blackbox" <<'EOF'
import json, re, sys
counts = {}
# The cells of the whole design: the "design hierarchy" section, which multiplies each module's
# cells by its instances (the per-module sections before it count each module once).
text = open("stat.txt").read()
hierarchy = text[text.index("=== design hierarchy ==="):]
for line in hierarchy.splitlines():
    match = re.match(r"\s+(\S+)\s+(\d+)$", line)
    if match and not match.group(1).startswith(("vggc_", "$paramod")):
        counts[match.group(1)] = counts.get(match.group(1), 0) + int(match.group(2))
def total(pattern): return sum(n for cell, n in counts.items() if re.fullmatch(pattern, cell))
summary = {"target": sys.argv[1], "seconds": int(sys.argv[2]), "blackboxBuffers": sys.argv[3] == "true",
           "lut": total(r"LUT[1-6]"), "ff": total(r"FD[A-Z]*"), "dsp48e1": total(r"DSP48E1"),
           "ramb36": total(r"RAMB36E1"), "ramb18": total(r"RAMB18E1"), "lutram": total(r"RAM\d+[MXS].*"),
           "carry4": total(r"CARRY4")}
json.dump(summary, open("resources.json", "w"), indent=2, sort_keys=True)
print("synth-rtl: " + ", ".join(f"{key} {summary[key]}" for key in ["lut", "ff", "dsp48e1", "ramb36", "ramb18", "lutram", "seconds"]))
EOF
