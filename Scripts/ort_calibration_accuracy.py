#!/usr/bin/env python3
"""The accuracy section's peer for each calibration method: ONNX Runtime's own calibrators on the
shipped MNIST models, with the images vggc calibrates and is evaluated on.

For each shipped model and each of ONNX Runtime's `CalibrationMethod.MinMax`, `.Entropy` and
`.Percentile` (their defaults: Entropy on a 128-bin signed histogram with 128 quantized bins,
Percentile 99.999 on a 2048-bin histogram of |x|), `quantize_static` in QDQ format (uint8
activations, per-channel int8 weights, after `quant_pre_process`) calibrated on the first
`--calib-count` images of models/mnist/calib (vggc's `--calib-count` default, 200), then ONNX
Runtime's top-1 on every image of models/mnist/test, run as Scripts/make_qdq_models.py runs its
QDQ models (graph optimizations off). Prints one JSON object:
`{model: {"fp32": top1, "minmax": top1, "entropy": top1, "percentile": top1}}` with top-1 in [0, 1].

    python3 Scripts/ort_calibration_accuracy.py [--calib-count 200]
"""

import argparse
import contextlib
import json
import os
import sys
import tempfile

import numpy as np
from onnxruntime.quantization import CalibrationMethod, QuantFormat, QuantType, quantize_static
from onnxruntime.quantization.shape_inference import quant_pre_process

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_qdq_models import MODELS, OP_TYPES, ROOT, Images, batch, image_files, input_shape, run  # noqa: E402

METHODS = {"minmax": CalibrationMethod.MinMax, "entropy": CalibrationMethod.Entropy,
           "percentile": CalibrationMethod.Percentile}


def top1(model_path: str, images: np.ndarray, labels: np.ndarray) -> float:
    return float((run(model_path, images).argmax(axis=1) == labels).mean())


def model_accuracy(source: str, calib_count: int, scratch: str) -> dict[str, float]:
    """fp32 and each method's int8 top-1 of one shipped model."""
    name, shape = input_shape(source)
    calib_folder = os.path.join(ROOT, "models/mnist/calib")
    calibration = batch(calib_folder, image_files(calib_folder)[:calib_count], shape)
    test_folder = os.path.join(ROOT, "models/mnist/test")
    names = image_files(test_folder)
    labels = np.array([int(os.path.splitext(n)[0].rsplit("_", 1)[1]) for n in names])
    test = batch(test_folder, names, shape)
    prepared = os.path.join(scratch, "prepared.onnx")
    quant_pre_process(source, prepared, skip_symbolic_shape=True)
    result = {"fp32": top1(source, test, labels)}
    for method, calibration_method in METHODS.items():
        quantized = os.path.join(scratch, f"{method}.onnx")
        # The histogram calibrators print their progress on stdout, which carries the JSON.
        with contextlib.redirect_stdout(sys.stderr):
            quantize_static(prepared, quantized, Images(name, calibration), quant_format=QuantFormat.QDQ,
                            activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8, per_channel=True,
                            op_types_to_quantize=OP_TYPES, calibrate_method=calibration_method)
        result[method] = top1(quantized, test, labels)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calib-count", type=int, default=200)
    arguments = parser.parse_args()
    results = {}
    for model, source in MODELS.items():
        with tempfile.TemporaryDirectory(prefix=f"ort-calibration-{model}-") as scratch:
            results[model] = model_accuracy(os.path.join(ROOT, source), arguments.calib_count, scratch)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
