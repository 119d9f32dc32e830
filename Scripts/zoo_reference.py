#!/usr/bin/env python3
"""Write a deterministic input and the ONNX Runtime output for each model of the zoo.

For `models/zoo/<name>.onnx` (whose `<name>.weights` must exist: see make_zoo_weights.py) this
writes `<name>.input.pb`, an ImageNet-normalised 1x3x224x224 image of uniform [0, 1) pixels drawn
from a generator seeded by SHA-256 of "input/<name>", and `<name>.output.pb`, what ONNX Runtime's
CPU execution provider (default graph optimisation level) computes from it in fp32. Both are ONNX
TensorProto files named after the graph's input and output.

    python3 Scripts/zoo_reference.py [--models vgg16 alexnet] [--dir models/zoo]
"""

import argparse
import glob
import hashlib
import os
import sys
import time

import numpy as np
import onnx
import onnxruntime
from onnx import numpy_helper

IMAGENET_MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32).reshape(1, 3, 1, 1)
IMAGENET_STD = np.array([0.229, 0.224, 0.225], dtype=np.float32).reshape(1, 3, 1, 1)


def static_shape(value: onnx.ValueInfoProto) -> tuple[int, ...]:
    """The dimensions of a graph input, which must all be fixed."""
    dims = value.type.tensor_type.shape.dim
    if not all(dim.HasField("dim_value") for dim in dims):
        sys.exit(f"input {value.name} has a dynamic shape")
    return tuple(dim.dim_value for dim in dims)


def make_input(name: str, shape: tuple[int, ...]) -> np.ndarray:
    """A seeded image in [0, 1), normalised with the ImageNet mean and standard deviation."""
    seed = int.from_bytes(hashlib.sha256(f"input/{name}".encode()).digest()[:8], "little")
    pixels = np.random.Generator(np.random.PCG64(seed)).random(shape, dtype=np.float32)
    return ((pixels - IMAGENET_MEAN) / IMAGENET_STD).astype(np.float32)


def save_tensor(array: np.ndarray, tensor_name: str, path: str) -> None:
    """Write `array` as an ONNX TensorProto file."""
    with open(path, "wb") as file:
        file.write(numpy_helper.from_array(array, tensor_name).SerializeToString())


def reference(directory: str, name: str) -> np.ndarray:
    """Write the input and ONNX Runtime output of one model; return the output."""
    model_path = os.path.join(directory, f"{name}.onnx")
    graph = onnx.load(model_path, load_external_data=False).graph
    initializers = {tensor.name for tensor in graph.initializer}
    inputs = [value for value in graph.input if value.name not in initializers]
    if len(inputs) != 1 or len(graph.output) != 1:
        sys.exit(f"{model_path}: expected one input and one output")
    image = make_input(name, static_shape(inputs[0]))
    session = onnxruntime.InferenceSession(model_path, providers=["CPUExecutionProvider"])
    output = session.run([graph.output[0].name], {inputs[0].name: image})[0]
    if not np.all(np.isfinite(output)) or np.max(np.abs(output)) == 0:
        sys.exit(f"{name}: ONNX Runtime output is not finite and non-zero")
    save_tensor(image, inputs[0].name, os.path.join(directory, f"{name}.input.pb"))
    save_tensor(output, graph.output[0].name, os.path.join(directory, f"{name}.output.pb"))
    return output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=os.path.join(os.path.dirname(__file__), "..", "models", "zoo"))
    parser.add_argument("--models", nargs="+", help="model names (default: every .onnx in --dir)")
    arguments = parser.parse_args()
    names = arguments.models or sorted(os.path.splitext(os.path.basename(path))[0]
                                       for path in glob.glob(os.path.join(arguments.dir, "*.onnx")))
    if not names:
        sys.exit(f"no .onnx graphs in {arguments.dir}")
    print(f"onnxruntime {onnxruntime.__version__}")
    for name in names:
        start = time.perf_counter()
        output = reference(arguments.dir, name)
        print(f"{name}: output {list(output.shape)}, max |y| {np.max(np.abs(output)):.4g}, "
              f"std {np.std(output):.4g}, argmax {int(np.argmax(output))}, "
              f"{time.perf_counter() - start:.1f} s", flush=True)


if __name__ == "__main__":
    main()
