#!/usr/bin/env python3
"""Regenerate the external weight files of the model zoo deterministically with numpy.

Each `models/zoo/<name>.onnx` keeps its float initializers in external data: a location, an offset
and a length per tensor. This script writes `<name>.weights` at exactly those offsets. Every tensor
gets its own generator, seeded from a SHA-256 of "<model>/<tensor name>", so the bytes depend only on
the graph and on numpy's PCG64 stream, never on the order of work or on chunk boundaries.

A tensor's distribution comes from the node that consumes it, chosen to keep activations of 8 to 19
layer networks finite and far from zero:
  Conv / Gemm weight       He (Kaiming) normal, std = sqrt(2 / fan_in)
  Conv / Gemm bias         uniform [-0.05, 0.05)
  BatchNormalization       scale U[0.5, 1.5), bias U[-0.1, 0.1), mean U[-0.1, 0.1), var U[0.5, 1.5)

    python3 Scripts/make_zoo_weights.py [--models vgg16 alexnet] [--dir models/zoo] [--sha256]
"""

import argparse
import glob
import hashlib
import os
import sys
import tempfile
import time

import numpy as np
import onnx
from onnx import TensorProto

CHUNK_ELEMENTS = 1 << 22


class Distribution:
    """A float32 distribution that can be drawn chunk by chunk from one generator."""

    def __init__(self, kind: str, a: float, b: float) -> None:
        self.kind = kind
        self.a = np.float32(a)
        self.b = np.float32(b)

    def draw(self, generator: np.random.Generator, count: int) -> np.ndarray:
        """Draw `count` little-endian float32 values."""
        if self.kind == "normal":
            values = generator.standard_normal(count, dtype=np.float32) * self.b + self.a
        else:
            values = generator.random(count, dtype=np.float32) * (self.b - self.a) + self.a
        return values.astype("<f4", copy=False)

    def __repr__(self) -> str:
        return f"{self.kind}({self.a:.4g}, {self.b:.4g})"


def fan_in(node: onnx.NodeProto, dims: list[int]) -> int:
    """The number of inputs each output of a Conv or Gemm weight sums over."""
    if node.op_type == "Conv":
        return int(np.prod(dims[1:]))
    trans_b = next((attribute.i for attribute in node.attribute if attribute.name == "transB"), 0)
    return dims[1] if trans_b else dims[0]


def distribution_for(node: onnx.NodeProto, slot: int, dims: list[int]) -> Distribution:
    """Pick the distribution of the tensor fed to input `slot` of `node`."""
    if node.op_type in ("Conv", "Gemm") and slot == 1:
        return Distribution("normal", 0.0, float(np.sqrt(2.0 / fan_in(node, dims))))
    if node.op_type in ("Conv", "Gemm") and slot == 2:
        return Distribution("uniform", -0.05, 0.05)
    if node.op_type == "BatchNormalization" and slot in (1, 4):
        return Distribution("uniform", 0.5, 1.5)
    if node.op_type == "BatchNormalization" and slot in (2, 3):
        return Distribution("uniform", -0.1, 0.1)
    sys.exit(f"no weight distribution for input {slot} of {node.op_type} node {node.name}")


def consumers(graph: onnx.GraphProto, weights: set[str]) -> dict[str, tuple[onnx.NodeProto, int]]:
    """Map each name of `weights` (external initializers) to the one node input that reads it.

    Inline initializers (shapes, axes, constants) may be shared: their values are not generated.
    """
    found: dict[str, tuple[onnx.NodeProto, int]] = {}
    for node in graph.node:
        for slot, name in enumerate(node.input):
            if name not in weights:
                continue
            if name in found:
                sys.exit(f"initializer {name} feeds more than one node input; its role is ambiguous")
            found[name] = (node, slot)
    return found


def external_entries(tensor: TensorProto) -> tuple[str, int, int]:
    """Location, offset and length of an external tensor."""
    fields = {entry.key: entry.value for entry in tensor.external_data}
    return fields["location"], int(fields.get("offset", "0")), int(fields["length"])


def seed_for(model_name: str, tensor_name: str) -> int:
    """A stable 64-bit seed for one tensor of one model."""
    digest = hashlib.sha256(f"{model_name}/{tensor_name}".encode()).digest()
    return int.from_bytes(digest[:8], "little")


def write_tensor(file, offset: int, count: int, distribution: Distribution, seed: int) -> None:
    """Write `count` values of `distribution` at `offset`, drawn in fixed-size chunks."""
    generator = np.random.Generator(np.random.PCG64(seed))
    file.seek(offset)
    for start in range(0, count, CHUNK_ELEMENTS):
        file.write(distribution.draw(generator, min(CHUNK_ELEMENTS, count - start)).tobytes())


def regenerate(model_path: str) -> tuple[str, int]:
    """Write the weights file of one zoo graph; return its path and size."""
    model_name = os.path.splitext(os.path.basename(model_path))[0]
    graph = onnx.load(model_path, load_external_data=False).graph
    external = [t for t in graph.initializer if t.data_location == TensorProto.EXTERNAL]
    readers = consumers(graph, {tensor.name for tensor in external})
    locations = {external_entries(tensor)[0] for tensor in external}
    if len(locations) != 1:
        sys.exit(f"{model_path}: expected one external data file, found {sorted(locations)}")
    weights_path = os.path.join(os.path.dirname(model_path), locations.pop())
    size = max(offset + length for _, offset, length in map(external_entries, external))
    descriptor, partial_path = tempfile.mkstemp(prefix=os.path.basename(weights_path) + ".",
                                                suffix=".partial", dir=os.path.dirname(weights_path))
    with os.fdopen(descriptor, "wb") as file:
        file.truncate(size)
        for tensor in external:
            _, offset, length = external_entries(tensor)
            dims = list(tensor.dims)
            count = int(np.prod(dims))
            if tensor.data_type != TensorProto.FLOAT or length != 4 * count:
                sys.exit(f"{model_path}: {tensor.name} is not {count} float32 values in {length} bytes")
            if tensor.name not in readers:
                sys.exit(f"{model_path}: initializer {tensor.name} is not used by any node")
            node, slot = readers[tensor.name]
            write_tensor(file, offset, count, distribution_for(node, slot, dims),
                         seed_for(model_name, tensor.name))
    os.replace(partial_path, weights_path)
    return weights_path, size


def sha256_of(path: str) -> str:
    """Hex SHA-256 of a file, read in 16 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 24), b""):
            digest.update(block)
    return digest.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=os.path.join(os.path.dirname(__file__), "..", "models", "zoo"))
    parser.add_argument("--models", nargs="+", help="model names (default: every .onnx in --dir)")
    parser.add_argument("--sha256", action="store_true", help="print each weights file's SHA-256")
    arguments = parser.parse_args()
    names = arguments.models or sorted(os.path.splitext(os.path.basename(path))[0]
                                       for path in glob.glob(os.path.join(arguments.dir, "*.onnx")))
    if not names:
        sys.exit(f"no .onnx graphs in {arguments.dir}")
    for name in names:
        model_path = os.path.join(arguments.dir, f"{name}.onnx")
        if not os.path.isfile(model_path):
            sys.exit(f"{model_path} does not exist")
        start = time.perf_counter()
        weights_path, size = regenerate(model_path)
        line = f"{name}: {size} B in {time.perf_counter() - start:.1f} s"
        print(line + (f", sha256 {sha256_of(weights_path)}" if arguments.sha256 else ""), flush=True)


if __name__ == "__main__":
    main()
