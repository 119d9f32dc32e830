#!/usr/bin/env python3
"""Fits ResourceModel's logic and DSP coefficients to Yosys synthesis runs of the reference RTL.

The runs live in docs/synthesis-runs.json, one object per `Scripts/synth-rtl.sh TARGET DIR --xilinx
--blackbox-buffers` run (hierarchical synthesis, the four SRAM buffers as black boxes): the array
(po, pi, pk, pp), the element bytes of the config's arithmetic mode, the address bits of the input,
weight and accumulator buffers, Yosys's counts (lut, ff, dsp48e1, ramb36, ramb18) and its run time;
`role` is "fit" (used to fit) or "check" (only compared).

The form, per config with M = Po·Pi·Pk·Pp multipliers, L = Po·Pp post-processing lanes, E element
bytes, A accumulator bytes (4 in the 8-bit modes, 8 in de1soc-q10) and B the address bits of the
array's port adders: each of the M multipliers adds a row and a column term for its input and its
accumulator port, each of the Po·Pi·Pk weight ports for its weight (⌈log2⌉ of the buffers' bytes),
    B = M·(⌈log2 input⌉ + ⌈log2 accumulator⌉) + Po·Pi·Pk·⌈log2 weight⌉
    LUT = lutFixed + lutPerMultiplier·M + lutPerMultiplierByte·M·E + lutPerPortAddressBit·B
          + lutPerLane·L + lutPerLaneByte·L·E
    FF  = ffFixed  + ffPerPartialSumByte·M·A  + ffPerLane·L
    DSP = M·(E == 1 ? 1 : dspPerWideMultiplier) + dspPerLane·L + dspFixed
M and M·E stand for the PE array's datapath (the partial sum's first-pass choice and add, the adder
trees, the operands' sign extension: 32-bit sums for 8-bit elements, 64-bit for 32-bit ones), B for
the port addresses, M·A for the partial-sum registers, L and L·E for the post-processing lanes
(vggc_lane, the same module at every size, wider with 32-bit elements, with its input, record,
accumulator and destination addresses), the constants for fetch, queues, DMA and the loop counters.
lutPerPortAddressBit is not fitted: it is 1, an adder's LUT per bit (with its CARRY4), because the
runs cannot tell B from M (their buffer sizes differ only between presets); the fit takes B off the
LUTs first. Each line is least squares over the fit runs (exact with as many runs as unknowns).
An 8×8 product is one
DSP48E1 (structural); dspPerWideMultiplier (the DSP48E1s of a `de1soc-q10` 32×32 product),
dspPerLane (a lane's 33×33 multiplier) and dspFixed (the address steps' and DMA walkers' multiplies)
are least squares over the fit runs of what they have beyond the 8×8 products.

Usage:
    Scripts/fit-resources.py                      # fit, then each run's estimate against Yosys
    Scripts/fit-resources.py --add DIR ROLE NAME  # append the run in DIR (synth-rtl.sh's) to the data
    Scripts/fit-resources.py --markdown           # the table of docs/BENCHMARKS.md, "Synthesis"
"""
import json
import os
import sys

DATA = os.path.join(os.path.dirname(__file__), "..", "docs", "synthesis-runs.json")


def features(run):
    multipliers = run["po"] * run["pi"] * run["pk"] * run["pp"]
    return multipliers, run["po"] * run["pp"], run["elementBytes"]


def address_bits(run):
    """The address bits of the array's port adders: input and accumulator per multiplier, weight per weight port."""
    def bits(key): return (run[key] - 1).bit_length()
    multipliers = run["po"] * run["pi"] * run["pk"] * run["pp"]
    weight_ports = run["po"] * run["pi"] * run["pk"]
    return multipliers * (bits("inputBufferBytes") + bits("accumulatorBufferBytes")) + weight_ports * bits("weightBufferBytes")


def accumulator_bytes(run):
    return 4 if run["elementBytes"] == 1 else 8


def solve(matrix, vector):
    """Solves the square system by Gaussian elimination with partial pivoting."""
    size = len(vector)
    rows = [list(map(float, matrix[i])) + [float(vector[i])] for i in range(size)]
    for column in range(size):
        pivot = max(range(column, size), key=lambda row: abs(rows[row][column]))
        rows[column], rows[pivot] = rows[pivot], rows[column]
        for row in range(size):
            if row != column:
                factor = rows[row][column] / rows[column][column]
                rows[row] = [a - factor * b for a, b in zip(rows[row], rows[column])]
    return [rows[i][size] / rows[i][i] for i in range(size)]


def least_squares(design, observed):
    """The coefficients minimising the squared error of design · c against observed."""
    columns = len(design[0])
    normal = [[sum(row[i] * row[j] for row in design) for j in range(columns)] for i in range(columns)]
    right = [sum(row[i] * value for row, value in zip(design, observed)) for i in range(columns)]
    return solve(normal, right)


def int8_products(run):
    """The 8×8 products, one DSP48E1 each."""
    multipliers, _, element = features(run)
    return multipliers if element == 1 else 0


LUT_PER_PORT_ADDRESS_BIT = 1.0


def fit(runs):
    fitted = [run for run in runs if run["role"] == "fit"]
    design = [[1.0, features(run)[0], features(run)[0] * features(run)[2], features(run)[1], features(run)[1] * features(run)[2]]
              for run in fitted]
    lut = least_squares(design, [run["lut"] - LUT_PER_PORT_ADDRESS_BIT * address_bits(run) for run in fitted])
    registers = [[1.0, features(run)[0] * accumulator_bytes(run), features(run)[1]] for run in fitted]
    ff = least_squares(registers, [run["ff"] for run in fitted])
    wide = [[1.0, float(features(run)[0] if features(run)[2] != 1 else 0), features(run)[1]] for run in fitted]
    dsp = least_squares(wide, [run["dsp48e1"] - int8_products(run) for run in fitted])
    return {"lutFixed": lut[0], "lutPerMultiplier": lut[1], "lutPerMultiplierByte": lut[2],
            "lutPerPortAddressBit": LUT_PER_PORT_ADDRESS_BIT, "lutPerLane": lut[3], "lutPerLaneByte": lut[4],
            "ffFixed": ff[0], "ffPerPartialSumByte": ff[1], "ffPerLane": ff[2],
            "dspPerWideMultiplier": dsp[1], "dspPerLane": dsp[2], "dspFixed": dsp[0]}


def estimate(coefficients, run):
    multipliers, lanes, element = features(run)
    c = coefficients
    wide = multipliers * c["dspPerWideMultiplier"] if element != 1 else 0
    return {"lut": c["lutFixed"] + c["lutPerMultiplier"] * multipliers + c["lutPerMultiplierByte"] * multipliers * element
                   + c["lutPerPortAddressBit"] * address_bits(run) + c["lutPerLane"] * lanes
                   + c["lutPerLaneByte"] * lanes * element,
            "ff": c["ffFixed"] + c["ffPerPartialSumByte"] * multipliers * accumulator_bytes(run) + c["ffPerLane"] * lanes,
            "dsp48e1": int8_products(run) + wide + c["dspPerLane"] * lanes + c["dspFixed"]}


def add(directory, role, name):
    summary = json.load(open(os.path.join(directory, "resources.json")))
    parameters = json.load(open(os.path.join(directory, "manifest.json")))["parameters"]
    run = {"name": name, "role": role, "po": parameters["po"], "pi": parameters["pi"], "pk": parameters["pk"],
           "pp": parameters["pp"], "elementBytes": parameters["elementBytes"], "blackboxBuffers": summary["blackboxBuffers"],
           "inputBufferBytes": parameters["inputBufferBytes"], "weightBufferBytes": parameters["weightBufferBytes"],
           "accumulatorBufferBytes": parameters["accumulatorBufferBytes"]}
    for key in ["lut", "ff", "dsp48e1", "ramb36", "ramb18", "lutram", "seconds"]:
        run[key] = summary[key]
    runs = json.load(open(DATA)) if os.path.exists(DATA) else []
    runs = [existing for existing in runs if existing["name"] != name] + [run]
    with open(DATA, "w") as file:
        json.dump(runs, file, indent=2, sort_keys=True)
        file.write("\n")


def markdown_row(coefficients, run):
    """The run's row of the docs table: array, arithmetic, buffers, each count with the model's and its error."""
    model = estimate(coefficients, run)
    kib = "/".join(str(run[key] // 1024) for key in ["inputBufferBytes", "weightBufferBytes", "accumulatorBufferBytes"])
    cells = []
    for key in ["lut", "ff", "dsp48e1"]:
        error = (model[key] - run[key]) / run[key] * 100 if run[key] else 0.0
        cells.append(f"{run[key]:,} ({round(model[key]):,}, {error:+.1f}%)")
    minutes, seconds = divmod(run["seconds"], 60)
    arithmetic = "int8" if run["elementBytes"] == 1 else "de1soc-q10"
    return (f"| {run['name']} | {run['po']}×{run['pi']}×{run['pk']}×{run['pp']} | {arithmetic} | {kib} | {run['role']} | "
            + " | ".join(cells) + f" | {run['ramb36']}/{run['ramb18']} | {run['lutram']} | {minutes} min {seconds} s |")


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--add":
        add(sys.argv[2], sys.argv[3], sys.argv[4])
        return
    runs = json.load(open(DATA))
    coefficients = fit(runs)
    if sys.argv[1:] == ["--markdown"]:
        for run in runs:
            print(markdown_row(coefficients, run))
        return
    print("coefficients: " + ", ".join(f"{key} {value:.2f}" for key, value in coefficients.items()))
    print(f"{'run':<12} {'role':<6} {'MACs':>5} {'lanes':>5} {'E':>2}   {'LUT yosys':>9} {'model':>9} {'err':>7}"
          f"   {'FF yosys':>8} {'model':>8} {'err':>7}   {'DSP yosys':>9} {'model':>6} {'err':>7}")
    for run in runs:
        model = estimate(coefficients, run)
        multipliers, lanes, element = features(run)
        cells = []
        for key in ["lut", "ff", "dsp48e1"]:
            error = (model[key] - run[key]) / run[key] * 100 if run[key] else 0.0
            cells.append(f"{run[key]:>9} {round(model[key]):>9} {error:>+6.1f}%")
        print(f"{run['name']:<12} {run['role']:<6} {multipliers:>5} {lanes:>5} {element:>2}   " + "   ".join(cells))


if __name__ == "__main__":
    main()
