#!/usr/bin/env python3
"""Export the torchvision model zoo used by vggc's tests as weight-free ONNX graphs.

Each network (a torchvision architecture, no pretrained weights) is exported at 1x3x224x224 and
written as `models/zoo/<file>.onnx` in which every weight (a float initializer read as a Conv or Gemm
weight or bias, or a BatchNormalization parameter) lives in external data (`<file>.weights`, one file
per graph, each tensor at a 64-byte aligned offset). The weights file itself is never written here:
`Scripts/make_zoo_weights.py` regenerates it deterministically with numpy from the offsets and
lengths recorded in the graph. Every other initializer (shapes, axes, scalar constants) stays inline
so its exact value survives.

Two exporters:
  torchscript  `torch.onnx.export(dynamo=False)`, opset 17, BatchNormalization kept as a node;
               writes `<name>.onnx`
  dynamo       `torch.onnx.export(dynamo=True)` as a user calls it (its default opset, its default
               optimisation, which folds eval-mode BatchNormalization into Conv); writes
               `<name>_dynamo.onnx`
VGG11/13/16/19, VGG16-BN and AlexNet are exported with the TorchScript exporter only (their graphs
are frozen: the compiler's byte-identity fixtures depend on them); the other networks with both.

`--check-references` exports nothing: for each TorchScript graph it loads the numpy weights of
`<name>.weights` into the torchvision module (the initializer names are its state_dict keys) and
checks that torch computes the ONNX Runtime reference `<name>.output.pb` (Scripts/zoo_reference.py)
from `<name>.input.pb`, an independent check of the weights' numerics and of the reference. The dynamo
graphs cannot be checked this way: their folded Conv weights match no module parameter.

Needs torch, torchvision and onnxscript (CPU only). Run by developers when the zoo changes; CI never
runs it.

    python3 Scripts/export_zoo.py [--models resnet18 alexnet] [--exporters dynamo] [--out models/zoo]
    python3 Scripts/export_zoo.py --check-references [--models resnet18] [--out models/zoo]
"""

import argparse
import io
import os
import sys
import warnings

import numpy as np
import onnx
import onnxruntime
import onnxscript
import torch
import torchvision
from onnx import TensorProto, numpy_helper
from onnx.external_data_helper import set_external_data

TORCHSCRIPT = "torchscript"
DYNAMO = "dynamo"
EXPORTERS = [TORCHSCRIPT, DYNAMO]
FILE_SUFFIX = {TORCHSCRIPT: "", DYNAMO: "_dynamo"}
FROZEN_MODELS = ["vgg11", "vgg13", "vgg16", "vgg19", "vgg16_bn", "alexnet"]
NETS = ["resnet18", "resnet50", "mobilenet_v2", "mobilenet_v3_small", "squeezenet1_1", "googlenet",
        "densenet121", "shufflenet_v2_x1_0", "efficientnet_b0", "regnet_x_400mf", "mnasnet0_5"]
MODELS = FROZEN_MODELS + NETS
OPSET = 17
WEIGHT_SLOTS = {"Conv": (1, 2), "Gemm": (1, 2), "BatchNormalization": (1, 2, 3, 4)}
INPUT_SHAPE = (1, 3, 224, 224)
INPUT_NAME = "input"
OUTPUT_NAME = "logits"
ALIGNMENT = 64


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


def exporters_of(name: str) -> list[str]:
    """The exporters a network is exported with: TorchScript only for the frozen graphs."""
    return [TORCHSCRIPT] if name in FROZEN_MODELS else EXPORTERS


def export_torchscript(model: torch.nn.Module, example: torch.Tensor) -> onnx.ModelProto:
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


def export_dynamo(model: torch.nn.Module, example: torch.Tensor) -> onnx.ModelProto:
    """Export `model` with the dynamo exporter at its defaults and return the inline-weight model.

    The defaults are what a user gets: the exporter's own opset and its optimiser, which folds the
    eval-mode BatchNormalization into the preceding Conv.
    """
    program = torch.onnx.export(model, (example,), dynamo=True, input_names=[INPUT_NAME],
                                output_names=[OUTPUT_NAME], verbose=False)
    proto = program.model_proto
    drop_debug_metadata(proto)
    return proto


def drop_debug_metadata(proto: onnx.ModelProto) -> None:
    """Remove the dynamo exporter's metadata_props (FX nodes, module paths, stack traces naming
    files of this machine), which carry no semantics and would make the graph machine-dependent."""
    graph = proto.graph
    entries = [proto, graph, *graph.node, *graph.input, *graph.output, *graph.value_info,
               *graph.initializer]
    for entry in entries:
        del entry.metadata_props[:]


def export_graph(exporter: str, model: torch.nn.Module, example: torch.Tensor) -> onnx.ModelProto:
    """Export `model` with `exporter`."""
    if exporter == TORCHSCRIPT:
        return export_torchscript(model, example)
    return export_dynamo(model, example)


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


def weight_names(graph: onnx.GraphProto) -> set[str]:
    """Names of the float initializers that some node reads as a weight (see WEIGHT_SLOTS)."""
    floats = {tensor.name for tensor in graph.initializer if tensor.data_type == TensorProto.FLOAT}
    return {name for node in graph.node for slot, name in enumerate(node.input)
            if name in floats and slot in WEIGHT_SLOTS.get(node.op_type, ())}


def move_weights_to_external_data(proto: onnx.ModelProto, location: str) -> int:
    """Point every weight at an aligned slot of `location`; return the file's size."""
    weights = weight_names(proto.graph)
    offset = 0
    for tensor in proto.graph.initializer:
        if tensor.name not in weights:
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


def build_model(name: str) -> torch.nn.Module:
    """The torchvision network `name` in eval mode with distinct, seeded parameters."""
    torch.manual_seed(0)
    with warnings.catch_warnings():
        # GoogLeNet warns that its default initialisation will change; the weights are replaced.
        warnings.filterwarnings("ignore", message="The default weight initialization of GoogleNet")
        model = getattr(torchvision.models, name)(weights=None).eval()
    distinct_parameters(model)
    return model


def export(name: str, exporter: str, out_dir: str) -> None:
    """Export one zoo model with `exporter` into `out_dir/<name><suffix>.onnx`."""
    file_name = name + FILE_SUFFIX[exporter]
    model = build_model(name)
    example = torch.rand(INPUT_SHAPE, generator=torch.Generator().manual_seed(1))
    proto = export_graph(exporter, model, example)
    if any(node.op_type == "Identity" for node in proto.graph.node):
        sys.exit(f"{file_name}: the exporter deduplicated initializers into Identity nodes")
    error = check_against_torch(file_name, proto, model, example)
    onnx.checker.check_model(proto, full_check=True)
    weights_size = move_weights_to_external_data(proto, f"{file_name}.weights")
    path = os.path.join(out_dir, f"{file_name}.onnx")
    onnx.save_model(proto, path)
    print(f"{file_name}: {os.path.getsize(path)} B graph, {weights_size} B weights, "
          f"ORT vs torch {error:.2e}; {op_census(proto)}", flush=True)


def load_tensor(path: str) -> np.ndarray:
    """A TensorProto file as an array."""
    return numpy_helper.to_array(onnx.load_tensor(path))


def check_reference(name: str, directory: str) -> float:
    """Relative error of torch, running `name` with the graph's numpy weights, to the ORT reference."""
    graph = onnx.load(os.path.join(directory, f"{name}.onnx")).graph
    state = {tensor.name: torch.from_numpy(numpy_helper.to_array(tensor).copy())
             for tensor in graph.initializer}
    model = build_model(name)
    # Parameters the graph lacks (GoogLeNet's training-only auxiliary heads) keep torch's values: if
    # the forward pass used one, the comparison below would fail.
    unmatched = sorted(set(state) - set(model.state_dict()))
    if unmatched:
        sys.exit(f"{name}: {len(unmatched)} initializers match no module parameter, e.g. {unmatched[0]}")
    full_state = model.state_dict()  # keeps the module's version metadata, which MNASNet checks
    full_state.update(state)
    model.load_state_dict(full_state)
    image = torch.from_numpy(load_tensor(os.path.join(directory, f"{name}.input.pb")).copy())
    expected = load_tensor(os.path.join(directory, f"{name}.output.pb"))
    with torch.no_grad():
        ours = model(image).numpy()
    error = float(np.max(np.abs(ours - expected)) / np.max(np.abs(expected)))
    if error > 1e-4:
        sys.exit(f"{name}: torch with the zoo weights differs from the ONNX Runtime reference by "
                 f"{error:.3g} (relative)")
    return error


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", choices=MODELS, default=MODELS)
    parser.add_argument("--exporters", nargs="+", choices=EXPORTERS, default=EXPORTERS,
                        help="restrict the exporters (the frozen models have only torchscript)")
    parser.add_argument("--check-references", action="store_true",
                        help="check the TorchScript graphs' numpy weights and references with torch")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "models", "zoo"))
    arguments = parser.parse_args()
    os.makedirs(arguments.out, exist_ok=True)
    print(f"torch {torch.__version__}, torchvision {torchvision.__version__}, onnx {onnx.__version__}, "
          f"onnxscript {onnxscript.__version__}, TorchScript opset {OPSET}")
    if arguments.check_references:
        for name in arguments.models:
            error = check_reference(name, arguments.out)
            print(f"{name}: torch with the numpy weights vs ORT reference {error:.2e}", flush=True)
        return
    for name in arguments.models:
        for exporter in exporters_of(name):
            if exporter in arguments.exporters:
                export(name, exporter, arguments.out)


if __name__ == "__main__":
    main()
