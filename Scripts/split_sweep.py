#!/usr/bin/env python3
"""Times the zoo networks on splits of one preset's PE array: the modeled cycles of each network
compiled (data-free) for the preset with the array replaced by each split, and their geometric mean
against the first split. It is how the zc706 preset's split was chosen (docs/BENCHMARKS.md,
"Choosing the array split"): keep the preset's multipliers (Po*Pi*Pk*Pp) and post-processing lanes
(Po*Pp), vary Pi*Pk and Po/Pp.

    python3 Scripts/split_sweep.py --vggc .build/release/vggc --preset zc706 \\
        --splits 32x24x1x1,32x8x3x1,16x8x3x2 --zoo /tmp/zoo

ZOO holds each network's .onnx with its .weights beside it, copied (vggc refuses symlinked external
weights). The cycles are those `vggc compile -o` reports ("N modeled cycles"), which `vggc run
--stats` also gives: the timing does not depend on the image.
"""
import argparse
import json
import math
import os
import re
import subprocess
import tempfile

NETWORKS = ["vgg16", "resnet18", "resnet50", "mobilenet_v2", "googlenet", "squeezenet1_1"]


def modeled_cycles(vggc, model, target, directory):
    """The modeled cycles of `model` compiled for the config file `target`."""
    binary = os.path.join(directory, "model.bin")
    result = subprocess.run([vggc, "compile", model, "--target", target, "-o", binary], capture_output=True, text=True, check=True)
    return int(re.search(r"([0-9]+) modeled cycles", result.stderr + result.stdout).group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vggc", required=True)
    parser.add_argument("--preset", required=True)
    parser.add_argument("--splits", required=True, help="comma-separated PoxPixPkxPp, the first the reference")
    parser.add_argument("--zoo", required=True)
    parser.add_argument("--networks", default=",".join(NETWORKS))
    args = parser.parse_args()
    networks = args.networks.split(",")
    base = json.loads(subprocess.run([args.vggc, "targets", args.preset], capture_output=True, text=True, check=True).stdout)
    print("| split | " + " | ".join(networks) + " | geometric mean |")
    print("|---" * (len(networks) + 2) + "|")
    reference = None
    with tempfile.TemporaryDirectory() as directory:
        for split in args.splits.split(","):
            po, pi, pk, pp = map(int, split.split("x"))
            target = os.path.join(directory, "target.json")
            with open(target, "w") as f:
                json.dump(dict(base, array={"Po": po, "Pi": pi, "Pk": pk, "Pp": pp}), f)
            cycles = [modeled_cycles(args.vggc, os.path.join(args.zoo, n + ".onnx"), target, directory) for n in networks]
            reference = reference or cycles
            mean = math.exp(sum(math.log(c / r) for c, r in zip(cycles, reference)) / len(cycles))
            print(f"| {split} | " + " | ".join(f"{c:,}" for c in cycles) + f" | {mean:.3f} |", flush=True)


if __name__ == "__main__":
    main()
