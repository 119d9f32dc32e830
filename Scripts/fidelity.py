#!/usr/bin/env python3
"""Fidelity of int8 inference on real photographs: vggc and ONNX Runtime's int8 against fp32.

For every zoo network (models/zoo/*.onnx, both exporters; random deterministic weights from
Scripts/make_zoo_weights.py, so the figures measure quantization error, not accuracy), on crops of
scikit-learn's two sample photographs (china.jpg, flower.jpg, 640x427):
  * fp32: ONNX Runtime (CPU) on the graph as exported;
  * ORT int8: ONNX Runtime's `quant_pre_process` then `quantize_static` (QDQ, per-channel int8
    weights, uint8 activations, MinMax) calibrated on the calibration crops;
  * vggc int8: `vggc compile MODEL --target T --calib DIR --calibration METHOD` (`--calibration`,
    default minmax) on the same calibration crops (PNG), then
    `vggc run X.bin IMAGE --json` per test crop (its dequantized output); when the model does not
    compile, the table gives vggc's one-line reason instead.
Each int8 output is compared with the fp32 output of the same crop: cosine similarity (mean and
minimum over the crops), the mean cosine of the image-specific part (both outputs minus the mean
fp32 output over the test crops: random-weight networks give every image a large common logit
vector, which alone would make the plain cosine look close to 1) and top-1 agreement. "distinct fp32
top-1" counts the different fp32 classes
over the test crops: with random weights a network whose logits ignore the image makes top-1
agreement meaningless, and this column shows it.

Crops: every crop is a square of a photo resized (bilinear) to 224x224 and saved as 8-bit PNG; the
networks read that PNG scaled to [0, 1] and ImageNet-normalised (vggc: --resize bilinear --scale 1
--mean/--std, so both sides see the same pixels). Calibration crops are the four 256-pixel corners
of each photo; test crops are each photo's centre 427-pixel square and three 300-pixel squares
(left, centre, right): distinct views, although some pixels are shared.

    python3 Scripts/fidelity.py [--models resnet18 alexnet] [--target zc706] [--vggc PATH]
                                [--calibration minmax|percentile|entropy|mse] [--json OUT.json] [--inventory]

`--inventory` skips the fidelity figures and instead lists, for every zoo graph and every model of
the onnx wheel's backend/test/data/light, the problems of `vggc check MODEL --target T --json`
grouped by stage, op and reason.
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import onnx
import onnxruntime
from onnxruntime.quantization import (CalibrationDataReader, QuantFormat, QuantType,
                                      quantize_static)
from onnxruntime.quantization.shape_inference import quant_pre_process
from PIL import Image
from sklearn.datasets import load_sample_images

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import ZOO, ensure_zoo_files  # noqa: E402

SIDE = 224
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)
# (left, top, side) squares of a 640x427 photo.
CALIBRATION_BOXES = [(0, 0, 256), (384, 0, 256), (0, 171, 256), (384, 171, 256)]
TEST_BOXES = [(106, 0, 427), (0, 63, 300), (170, 63, 300), (340, 63, 300)]
DEFAULT_VGGC = "/work/main/.build/release/vggc"


def write_crops(boxes: list[tuple[int, int, int]], directory: str) -> list[str]:
    """Save the `boxes` of both sample photos as 224x224 PNGs; return their paths in order."""
    os.makedirs(directory, exist_ok=True)
    paths = []
    for photo_index, photo in enumerate(load_sample_images().images):
        image = Image.fromarray(photo)
        for left, top, side in boxes:
            if left + side > image.width or top + side > image.height:
                sys.exit(f"crop {(left, top, side)} leaves the {image.width}x{image.height} photo")
            crop = image.crop((left, top, left + side, top + side)).resize((SIDE, SIDE),
                                                                            Image.BILINEAR)
            path = os.path.join(directory, f"photo{photo_index}_{left}_{top}_{side}.png")
            crop.save(path)
            paths.append(path)
    return paths


def normalised(path: str) -> np.ndarray:
    """A PNG crop as a 1x3x224x224 float32 array scaled to [0, 1] and ImageNet-normalised."""
    pixels = np.asarray(Image.open(path).convert("RGB"), dtype=np.float32) / 255
    array = (pixels - np.array(MEAN, dtype=np.float32)) / np.array(STD, dtype=np.float32)
    return array.transpose(2, 0, 1)[None].astype(np.float32)


def input_name(model_path: str) -> str:
    """The graph's one non-initializer input."""
    graph = onnx.load(model_path, load_external_data=False).graph
    initializers = {tensor.name for tensor in graph.initializer}
    return next(value.name for value in graph.input if value.name not in initializers)


def ort_outputs(model_path: str, images: list[np.ndarray]) -> np.ndarray:
    """ONNX Runtime CPU outputs (first output, flattened) of `model_path`, one row per image."""
    session = onnxruntime.InferenceSession(model_path, providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    return np.stack([session.run(None, {name: image})[0].reshape(-1) for image in images])


class ArrayReader(CalibrationDataReader):
    """Feeds quantize_static one calibration image at a time."""

    def __init__(self, name: str, images: list[np.ndarray]) -> None:
        self.batches = iter([{name: image} for image in images])

    def get_next(self):
        return next(self.batches, None)


def ort_int8_model(model_path: str, calibration: list[np.ndarray], work: str) -> str:
    """ONNX Runtime's static QDQ int8 of `model_path`, calibrated on `calibration`; its path."""
    prepared = os.path.join(work, "prepared.onnx")
    quantized = os.path.join(work, "int8.onnx")
    quant_pre_process(model_path, prepared, save_as_external_data=True,
                      external_data_location="prepared.weights")
    quantize_static(prepared, quantized, ArrayReader(input_name(model_path), calibration),
                    quant_format=QuantFormat.QDQ, per_channel=True, weight_type=QuantType.QInt8,
                    activation_type=QuantType.QUInt8, use_external_data_format=True)
    return quantized


def first_line(text: str) -> str:
    """The first non-empty line of a tool's message, without its `error: ` prefix."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "no message")
    return line.removeprefix("error: ")


def vggc_outputs(vggc: str, model_path: str, target: str, calibration_dir: str, method: str,
                 test_paths: list[str], work: str) -> tuple[np.ndarray | None, str]:
    """vggc's dequantized outputs for the test crops, or None and the one-line reason it failed."""
    binary = os.path.join(work, "model.bin")
    compile_command = [vggc, "compile", model_path, "--target", target, "--calib", calibration_dir,
                       "--calibration", method, "--resize", "bilinear", "--scale", "1",
                       "--mean", ",".join(map(str, MEAN)),
                       "--std", ",".join(map(str, STD)), "-o", binary]
    compiled = subprocess.run(compile_command, capture_output=True, text=True)
    if compiled.returncode == 3:
        stage, op, reason, count, _ = check_problems(vggc, model_path, target)[0]
        return None, f"{op}: {reason} ({count}x, {stage})"
    if compiled.returncode != 0:
        return None, f"compile exit {compiled.returncode}: {first_line(compiled.stderr)}"
    rows = []
    for path in test_paths:
        ran = subprocess.run([vggc, "run", binary, path, "--json"], capture_output=True, text=True)
        if ran.returncode != 0:
            return None, f"run exit {ran.returncode}: {first_line(ran.stderr)}"
        rows.append(np.array(json.loads(ran.stdout)["outputs"][0]["dequantized"], dtype=np.float32))
    return np.stack(rows), ""


def row_cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarity of each row of `a` with the same row of `b`."""
    norms = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    return np.sum(a * b, axis=1) / np.maximum(norms, np.finfo(np.float32).tiny)


def agreement(reference: np.ndarray, candidate: np.ndarray) -> dict[str, float]:
    """How close `candidate` rows are to `reference` rows: cosine (mean, min), the mean cosine of
    the image-specific part (both minus the reference's mean row over the images) and top-1
    agreement."""
    cosines = row_cosines(reference, candidate)
    common = np.mean(reference, axis=0, keepdims=True)
    same = np.argmax(reference, axis=1) == np.argmax(candidate, axis=1)
    return {"cosine_mean": float(np.mean(cosines)), "cosine_min": float(np.min(cosines)),
            "centred_cosine_mean": float(np.mean(row_cosines(reference - common, candidate - common))),
            "top1_agree": int(np.sum(same)), "images": len(same)}


def measure(name: str, vggc: str, target: str, method: str, calibration_paths: list[str],
            test_paths: list[str]) -> dict:
    """fp32, ORT int8 and vggc int8 outputs of one zoo network on the test crops, compared."""
    ensure_zoo_files(name)
    model_path = os.path.join(ZOO, f"{name}.onnx")
    calibration = [normalised(path) for path in calibration_paths]
    tests = [normalised(path) for path in test_paths]
    row = {"network": name}
    start = time.perf_counter()
    fp32 = ort_outputs(model_path, tests)
    row["fp32_distinct_top1"] = len(set(np.argmax(fp32, axis=1).tolist()))
    row["fp32_max_abs"] = float(np.max(np.abs(fp32)))
    with tempfile.TemporaryDirectory(prefix=f"fidelity-{name}-") as work:
        try:
            row["ort_int8"] = agreement(fp32, ort_outputs(ort_int8_model(model_path, calibration,
                                                                          work), tests))
        except Exception as error:  # ORT's quantizer raises many types; the table shows which.
            row["ort_int8_error"] = f"{type(error).__name__}: {first_line(str(error))}"
        outputs, reason = vggc_outputs(vggc, model_path, target, os.path.dirname(calibration_paths[0]),
                                       method, test_paths, work)
    if outputs is None:
        row["vggc_error"] = reason
    else:
        row["vggc_int8"] = agreement(fp32, outputs)
    row["seconds"] = time.perf_counter() - start
    return row


def cells(figures: dict | None, error: str | None) -> str:
    """Four table cells: mean and min cosine, centred cosine, top-1 agreement (or the error)."""
    if figures is None:
        return f"{error} | | | "
    return (f"{figures['cosine_mean']:.4f} | {figures['cosine_min']:.4f} | "
            f"{figures['centred_cosine_mean']:.4f} | {figures['top1_agree']}/{figures['images']}")


def markdown(rows: list[dict], target: str) -> str:
    """The fidelity table."""
    lines = [f"| network | distinct fp32 top-1 | max abs fp32 | ORT int8 cosine mean | min | centred "
             f"| top-1 agree | vggc int8 ({target}) cosine mean | min | centred | top-1 agree |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row['network']} | {row['fp32_distinct_top1']}/{len(TEST_BOXES) * 2} | "
                     f"{row['fp32_max_abs']:.3g} | "
                     f"{cells(row.get('ort_int8'), row.get('ort_int8_error'))} | "
                     f"{cells(row.get('vggc_int8'), row.get('vggc_error'))} |")
    return "\n".join(lines)


def light_models() -> list[str]:
    """The onnx wheel's backend/test/data/light model graphs."""
    return sorted(glob.glob(os.path.join(os.path.dirname(onnx.__file__), "backend", "test", "data",
                                         "light", "*.onnx")))


def check_problems(vggc: str, model_path: str, target: str) -> list[tuple[str, str, str, int, str]]:
    """`vggc check`'s problems grouped by (stage, op, reason), in first-seen order, each with its
    count and first node; a malformed model gives one row with the exit status as its stage."""
    checked = subprocess.run([vggc, "check", model_path, "--target", target, "--json"],
                             capture_output=True, text=True)
    if checked.returncode not in (0, 3):
        return [(f"exit {checked.returncode}", "", first_line(checked.stderr), 1, "")]
    groups: dict[tuple[str, str, str], list[str]] = {}
    for problem in json.loads(checked.stdout)["problems"]:
        key = (problem["stage"], problem["op"], problem["reason"])
        groups.setdefault(key, []).append(problem["node"])
    return [(stage, op, reason, len(nodes), nodes[0]) for (stage, op, reason), nodes in groups.items()]


def inventory(vggc: str, names: list[str], target: str) -> str:
    """The markdown table of what `vggc check` refuses in each zoo graph and light model."""
    lines = ["| network | stage | op | nodes | reason (first node) |", "|---|---|---|---|---|"]
    paths = [os.path.join(ZOO, f"{name}.onnx") for name in names] + light_models()
    for path in paths:
        network = os.path.splitext(os.path.basename(path))[0]
        problems = check_problems(vggc, path, target)
        if not problems:
            lines.append(f"| {network} | | | | compiles |")
        for stage, op, reason, count, node in problems:
            lines.append(f"| {network} | {stage} | {op} | {count} | {reason} ({node}) |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    names = sorted(os.path.splitext(os.path.basename(path))[0]
                   for path in glob.glob(os.path.join(ZOO, "*.onnx")))
    parser.add_argument("--models", nargs="+", choices=names, default=names)
    parser.add_argument("--target", default="zc706")
    parser.add_argument("--vggc", default=DEFAULT_VGGC)
    parser.add_argument("--calibration", default="minmax", help="vggc's calibration method")
    parser.add_argument("--json", help="also write the rows as JSON to this file")
    parser.add_argument("--inventory", action="store_true",
                        help="list `vggc check` problems instead of measuring fidelity")
    arguments = parser.parse_args()
    if arguments.inventory:
        print(inventory(arguments.vggc, arguments.models, arguments.target))
        return
    print(f"onnxruntime {onnxruntime.__version__}", file=sys.stderr)
    rows = []
    with tempfile.TemporaryDirectory(prefix="vggc-fidelity-") as crops:
        calibration_paths = write_crops(CALIBRATION_BOXES, os.path.join(crops, "calibration"))
        test_paths = write_crops(TEST_BOXES, os.path.join(crops, "test"))
        for name in arguments.models:
            rows.append(measure(name, arguments.vggc, arguments.target, arguments.calibration,
                                calibration_paths, test_paths))
            print(f"{name}: {json.dumps(rows[-1])}", file=sys.stderr, flush=True)
    if arguments.json:
        with open(arguments.json, "w") as file:
            json.dump(rows, file, indent=1)
    print(markdown(rows, f"{arguments.target}, {arguments.calibration}"))


if __name__ == "__main__":
    main()
