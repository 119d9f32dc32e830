#!/usr/bin/env python3
"""Export the torchvision model zoo used by vggc's tests as weight-free ONNX graphs.

For each of VGG11/13/16/19, VGG16-BN and AlexNet (torchvision architectures, no pretrained weights)
this script exports the network at 1x3x224x224 with the TorchScript-based `torch.onnx.export`
(opset 17, eval mode) and writes `models/zoo/<name>.onnx` in which every float initializer lives in
external data (`<name>.weights`, one file per model, each tensor at a 64-byte aligned offset).
The weights file itself is never written here: `Scripts/make_zoo_weights.py` regenerates it
deterministically with numpy from the offsets and lengths recorded in the graph. Non-float
initializers (none are expected) stay inline so their exact values survive.

Needs torch and torchvision (CPU only). Run by developers when the zoo changes; CI never runs it.

    python3 Scripts/export_zoo.py [--models vgg16 alexnet] [--out models/zoo]
"""

import argparse
import io
import os
import sys
import warnings

import numpy as np
import onnx
import onnxruntime
import torch
import torchvision
from onnx import TensorProto
from onnx.external_data_helper import set_external_data

MODELS = ["vgg11", "vgg13", "vgg16", "vgg19", "vgg16_bn", "alexnet"]
OPSET = 17
INPUT_SHAPE = (1, 3, 224, 224)
INPUT_NAME = "input"
OUTPUT_NAME = "logits"
ALIGNMENT = 64
EXTERNAL_TYPES = {TensorProto.FLOAT}


def distinct_parameters(model: torch.nn.Module) -> None:
    """Perturb every float parameter and buffer so that no two tensors hold equal contents.

    torchvision initialises biases and BatchNorm statistics to constants; the exporter deduplicates
    initializers with equal contents into `Identity` nodes, which would make the graph depend on the
    values torch drew. Small positive noise keeps one named initializer per parameter and keeps the
    network's activations (and BatchNorm variances) sane for the ONNX Runtime check below.
    """
    generator = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for tensor in list(model.parameters()) + list(model.buffers()):
            if tensor.is_floating_point():
                tensor.add_(torch.rand(tensor.shape, generator=generator) * 0.01)


def export_graph(model: torch.nn.Module, example: torch.Tensor) -> onnx.ModelProto:
    """Export `model` with the TorchScript exporter and return the ONNX model with inline weights.

    `TrainingMode.PRESERVE` on an eval-mode module exports inference semantics but skips the eval
    peephole that folds BatchNormalization into Conv, so BatchNormalization stays in the graph with
    its own named parameters; folding it is the compiler's job.
    """
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # Both are expected: the legacy exporter is chosen on purpose (opset <= 17, stable node
        # names), and constant folding is safe here because the module is in eval mode.
        warnings.filterwarnings("ignore", message="You are using the legacy TorchScript-based")
        warnings.filterwarnings("ignore", message="It is recommended that constant folding")
        torch.onnx.export(
            model,
            (example,),
            buffer,
            dynamo=False,
            opset_version=OPSET,
            training=torch.onnx.TrainingMode.PRESERVE,
            do_constant_folding=True,
            input_names=[INPUT_NAME],
            output_names=[OUTPUT_NAME],
        )
    return onnx.load_from_string(buffer.getvalue())


def check_against_torch(name: str, proto: onnx.ModelProto, model: torch.nn.Module,
                        example: torch.Tensor) -> float:
    """Run the inline-weight export in ONNX Runtime and return its max relative error to torch."""
    session = onnxruntime.InferenceSession(proto.SerializeToString(),
                                           providers=["CPUExecutionProvider"])
    ours = session.run(None, {INPUT_NAME: example.numpy()})[0]
    with torch.no_grad():
        theirs = model(example).numpy()
    error = float(np.max(np.abs(ours - theirs)) / np.max(np.abs(theirs)))
    if error > 1e-4:
        sys.exit(f"{name}: ONNX Runtime differs from torch by {error:.3g} (relative)")
    return error


def move_weights_to_external_data(proto: onnx.ModelProto, location: str) -> int:
    """Point every float initializer at an aligned slot of `location`; return the file's size."""
    offset = 0
    for tensor in proto.graph.initializer:
        if tensor.data_type not in EXTERNAL_TYPES:
            continue
        if not tensor.HasField("raw_data"):
            sys.exit(f"initializer {tensor.name} has no raw_data")
        length = len(tensor.raw_data)
        set_external_data(tensor, location, offset=offset, length=length)
        tensor.data_location = TensorProto.EXTERNAL
        tensor.ClearField("raw_data")
        offset = (offset + length + ALIGNMENT - 1) // ALIGNMENT * ALIGNMENT
    return offset


def op_census(proto: onnx.ModelProto) -> str:
    """Count node op types, sorted by name."""
    counts: dict[str, int] = {}
    for node in proto.graph.node:
        counts[node.op_type] = counts.get(node.op_type, 0) + 1
    return ", ".join(f"{op}x{counts[op]}" for op in sorted(counts))


def export(name: str, out_dir: str) -> None:
    """Export one zoo model into `out_dir/<name>.onnx`."""
    torch.manual_seed(0)
    model = getattr(torchvision.models, name)(weights=None).eval()
    distinct_parameters(model)
    example = torch.rand(INPUT_SHAPE, generator=torch.Generator().manual_seed(1))
    proto = export_graph(model, example)
    if any(node.op_type == "Identity" for node in proto.graph.node):
        sys.exit(f"{name}: the exporter deduplicated initializers into Identity nodes")
    error = check_against_torch(name, proto, model, example)
    onnx.checker.check_model(proto, full_check=True)
    weights_size = move_weights_to_external_data(proto, f"{name}.weights")
    path = os.path.join(out_dir, f"{name}.onnx")
    onnx.save_model(proto, path)
    print(f"{name}: {os.path.getsize(path)} B graph, {weights_size} B weights, "
          f"ORT vs torch {error:.2e}; {op_census(proto)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", choices=MODELS, default=MODELS)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "models", "zoo"))
    arguments = parser.parse_args()
    os.makedirs(arguments.out, exist_ok=True)
    print(f"torch {torch.__version__}, torchvision {torchvision.__version__}, onnx {onnx.__version__}, "
          f"opset {OPSET}")
    for name in arguments.models:
        export(name, arguments.out)


if __name__ == "__main__":
    main()
