#!/usr/bin/env python3
"""Pre-quantized (QDQ) versions of the shipped MNIST models and ONNX Runtime's int8 outputs on them.

For each shipped fp32 model (models/lenet_de1soc.onnx, models/vgg16_mnist.onnx) and each of four
configurations (activations QUInt8 or QInt8, weights QInt8 per tensor or per output channel), this
script

1. runs ONNX Runtime's `quant_pre_process` (shape inference and graph optimisation, which folds
   BatchNormalization into the convolutions, as ONNX Runtime recommends before quantizing);
2. quantizes the result with `quantize_static` in QDQ format, MinMax calibration on the first
   `--calib-count` images of models/mnist/calib (sorted by name), quantizing every op vggc can run
   (Conv, Gemm, pooling, Relu, Sigmoid, Flatten);
3. writes `models/qdq/<model>_<activation>_<granularity>.onnx` and ONNX Runtime's outputs (CPU
   execution provider with graph optimizations off, so that it runs each
   DequantizeLinear, float operator and QuantizeLinear as written rather than fusing them into int8
   kernels whose arithmetic depends on the CPU) on the first `--count` images of
   models/mnist/test as `<same>.output.pb` (a float TensorProto [N, classes]);

and writes the preprocessed test images once per model as `models/qdq/<model>.input.pb` ([N, C, H, W]
float) with their labels as `<model>.labels.txt`. Images are read with Pillow and preprocessed as
Scripts/eval_onnx.py does (gray, zero-padded to the model's size, scaled to [0, 1]).

With `--accuracy`, it instead prints ONNX Runtime's top-1 accuracy of every generated QDQ model on
all the test images.

Everything is deterministic: sorted file lists, MinMax calibration, fixed options.

    python3 Scripts/make_qdq_models.py [--count-lenet 100] [--count-vgg16 20] [--calib-count 100]
"""

import argparse
import os
import sys
import tempfile

import numpy as np
import onnx
import onnxruntime
from onnx import numpy_helper
from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static
from onnxruntime.quantization.shape_inference import quant_pre_process
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS = {"lenet_de1soc": "models/lenet_de1soc.onnx", "vgg16_mnist": "models/vgg16_mnist.onnx"}
CONFIGURATIONS = [
    ("u8", QuantType.QUInt8, "per_tensor", False),
    ("u8", QuantType.QUInt8, "per_channel", True),
    ("s8", QuantType.QInt8, "per_tensor", False),
    ("s8", QuantType.QInt8, "per_channel", True),
]
OP_TYPES = ["Conv", "Gemm", "AveragePool", "MaxPool", "Relu", "Sigmoid", "Flatten"]
OUTPUT_DIRECTORY = os.path.join(ROOT, "models/qdq")


def image_files(folder: str) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.lower().endswith(".png"))


def preprocess(path: str, shape: list[int]) -> np.ndarray:
    """One gray image as [1, 1, H, W] float32 in [0, 1], zero-padded (centred) to the model's size."""
    _, _, height, width = shape
    pixels = np.asarray(Image.open(path).convert("L"), dtype=np.float32)
    rows, columns = pixels.shape
    top, left = (height - rows) // 2, (width - columns) // 2
    padded = np.zeros((height, width), dtype=np.float32)
    padded[top:top + rows, left:left + columns] = pixels
    return (padded / 255.0)[None, None].astype(np.float32)


def batch(folder: str, names: list[str], shape: list[int]) -> np.ndarray:
    return np.concatenate([preprocess(os.path.join(folder, name), shape) for name in names])


class Images(CalibrationDataReader):
    """Feeds the calibration images one at a time."""

    def __init__(self, input_name: str, images: np.ndarray):
        self.feeds = iter([{input_name: image[None]} for image in images])

    def get_next(self):
        return next(self.feeds, None)


def input_shape(model_path: str) -> tuple[str, list[int]]:
    graph_input = onnx.load(model_path).graph.input[0]
    return graph_input.name, [d.dim_value for d in graph_input.type.tensor_type.shape.dim]


def run(model_path: str, images: np.ndarray) -> np.ndarray:
    """ONNX Runtime's outputs for the QDQ model as written: DequantizeLinear, the float operator and
    QuantizeLinear, node by node. Graph optimizations are off because they fuse each QDQ group into
    an int8 kernel whose arithmetic depends on the CPU (the AVX2 u8s8 path saturates 16-bit
    intermediate sums; the AVX-512 VNNI path does not), which would make the reference differ from
    machine to machine."""
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
    session = onnxruntime.InferenceSession(model_path, options, providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    return np.concatenate([session.run(None, {name: image[None]})[0] for image in images]).astype(np.float32)


def save_tensor(array: np.ndarray, path: str) -> None:
    with open(path, "wb") as handle:
        handle.write(numpy_helper.from_array(array).SerializeToString())


def quantized_paths(model: str) -> list[str]:
    return [os.path.join(OUTPUT_DIRECTORY, f"{model}_{act}_{gran}.onnx") for act, _, gran, _ in CONFIGURATIONS]


def generate(model: str, source: str, count: int, calib_count: int) -> None:
    name, shape = input_shape(source)
    calib_folder = os.path.join(ROOT, "models/mnist/calib")
    calibration = batch(calib_folder, image_files(calib_folder)[:calib_count], shape)
    test_folder = os.path.join(ROOT, "models/mnist/test")
    test_names = image_files(test_folder)[:count]
    test = batch(test_folder, test_names, shape)
    save_tensor(test, os.path.join(OUTPUT_DIRECTORY, f"{model}.input.pb"))
    with open(os.path.join(OUTPUT_DIRECTORY, f"{model}.labels.txt"), "w") as handle:
        handle.writelines(f"{os.path.splitext(n)[0].rsplit('_', 1)[1]}\n" for n in test_names)
    with tempfile.TemporaryDirectory() as scratch:
        prepared = os.path.join(scratch, "prepared.onnx")
        quant_pre_process(source, prepared, skip_symbolic_shape=True)
        for (act, act_type, gran, per_channel), path in zip(CONFIGURATIONS, quantized_paths(model)):
            quantize_static(prepared, path, Images(name, calibration), quant_format=QuantFormat.QDQ,
                            activation_type=act_type, weight_type=QuantType.QInt8, per_channel=per_channel,
                            op_types_to_quantize=OP_TYPES)
            save_tensor(run(path, test), path.replace(".onnx", ".output.pb"))
            print(f"{os.path.relpath(path, ROOT)}: ORT int8 outputs on {count} images")


def accuracy(model: str, source: str) -> None:
    _, shape = input_shape(source)
    folder = os.path.join(ROOT, "models/mnist/test")
    names = image_files(folder)
    labels = np.array([int(os.path.splitext(n)[0].rsplit("_", 1)[1]) for n in names])
    images = batch(folder, names, shape)
    for path in [os.path.join(ROOT, source)] + quantized_paths(model):
        hits = (run(path, images).argmax(axis=1) == labels).mean()
        print(f"{os.path.relpath(path, ROOT)}: ORT top-1 {100 * hits:.2f}% on {len(names)} images")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count-lenet", type=int, default=100)
    parser.add_argument("--count-vgg16", type=int, default=20)
    parser.add_argument("--calib-count", type=int, default=100)
    parser.add_argument("--accuracy", action="store_true")
    arguments = parser.parse_args()
    os.makedirs(OUTPUT_DIRECTORY, exist_ok=True)
    with open(os.path.join(OUTPUT_DIRECTORY, ".gitignore"), "w") as handle:
        handle.write("# Generated by Scripts/make_qdq_models.py\n*\n")
    counts = {"lenet_de1soc": arguments.count_lenet, "vgg16_mnist": arguments.count_vgg16}
    for model, source in MODELS.items():
        if arguments.accuracy:
            accuracy(model, source)
        else:
            generate(model, os.path.join(ROOT, source), counts[model], arguments.calib_count)


if __name__ == "__main__":
    sys.exit(main())
