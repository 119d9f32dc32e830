#!/usr/bin/env python3
"""A small ONNX graph made of the blocks of modern CNNs, with ONNX Runtime's output on one input.

The graph (opset 23, input [1, 3, 8, 8]) chains: a 3x3 conv with ReLU, a depthwise 3x3 conv, a
residual Add, SiLU written as Mul(x, Sigmoid(x)), a squeeze-and-excitation block (ReduceMean over
H and W, two 1x1 convs, a HardSigmoid gate, Mul), HardSwish, a Split of the channels, a 1x1 conv on
one half, Concat, ShuffleNet's channel shuffle (Reshape, Transpose, Reshape), a standalone
BatchNormalization with ReLU, a Slice of channels, a three-input Sum, a per-channel Mul and Add by
constants, and ReduceMean over H and W without keepdims. Weights come from a fixed seed.

Writes DIR/blocks.onnx, DIR/blocks.input.pb and DIR/blocks.output.pb (float TensorProtos; the
output computed by ONNX Runtime's CPU provider).

    python3 Scripts/make_block_models.py DIR
"""

import os
import sys

import numpy as np
import onnx
import onnxruntime
from onnx import TensorProto, helper, numpy_helper


def build(rng):
    nodes, initializers = [], {}

    def constant(name, value):
        initializers[name] = value
        return name

    def weight(name, *shape, scale=0.3):
        return constant(name, (rng.standard_normal(shape) * scale).astype(np.float32))

    def node(op, inputs, outputs, **attributes):
        outputs = [outputs] if isinstance(outputs, str) else outputs
        nodes.append(helper.make_node(op, inputs, outputs, name=outputs[0] + "_node", **attributes))
        return outputs[0] if len(outputs) == 1 else outputs

    channels = 8
    x = node("Conv", ["x", weight("w0", channels, 3, 3, 3), weight("b0", channels)], "c0", pads=[1, 1, 1, 1])
    x = node("Relu", [x], "r0")
    depthwise = node("Conv", [x, weight("wd", channels, 1, 3, 3), weight("bd", channels)], "dw", pads=[1, 1, 1, 1],
                     group=channels)
    x = node("Add", [x, depthwise], "residual")
    x = node("Mul", [x, node("Sigmoid", [x], "sigmoid")], "silu")
    gate = node("ReduceMean", [x, constant("se_axes", np.array([2, 3], np.int64))], "se_mean", keepdims=1)
    gate = node("Relu", [node("Conv", [gate, weight("wse1", 4, channels, 1, 1), weight("bse1", 4)], "se_reduce")], "se_relu")
    gate = node("Conv", [gate, weight("wse2", channels, 4, 1, 1), weight("bse2", channels)], "se_expand")
    x = node("Mul", [x, node("HardSigmoid", [gate], "se_gate")], "se_scale")
    x = node("HardSwish", [x], "hardswish")
    left, right = node("Split", [x, constant("halves", np.array([4, 4], np.int64))], ["left", "right"], axis=1)
    right = node("Conv", [right, weight("wb", 4, 4, 1, 1), weight("bb", 4)], "branch")
    x = node("Concat", [left, right], "concat", axis=1)
    x = node("Reshape", [x, constant("grouped", np.array([1, 2, 4, 8, 8], np.int64))], "grouped_view")
    x = node("Transpose", [x], "swap_groups", perm=[0, 2, 1, 3, 4])
    x = node("Reshape", [x, constant("merged", np.array([1, channels, 8, 8], np.int64))], "shuffled")
    x = node("BatchNormalization", [x, constant("gamma", (rng.random(channels) + 0.5).astype(np.float32)),
                                    weight("beta", channels), weight("mean", channels),
                                    constant("var", (rng.random(channels) + 0.5).astype(np.float32))], "norm")
    x = node("Relu", [x], "norm_relu")
    sliced = node("Slice", [x, constant("starts", np.array([2], np.int64)), constant("ends", np.array([6], np.int64)),
                            constant("slice_axes", np.array([1], np.int64))], "slice")
    tail = node("Conv", [sliced, weight("wt", channels, 4, 1, 1), weight("bt", channels)], "tail")
    x = node("Sum", [x, tail, x], "sum")
    x = node("Mul", [x, constant("gain", (rng.random((1, channels, 1, 1)) + 0.5).astype(np.float32))], "gain_mul")
    x = node("Add", [x, weight("offset", channels, 1, 1)], "offset_add")
    node("ReduceMean", [x, constant("head_axes", np.array([-1, -2], np.int64))], "y", keepdims=0)
    graph = helper.make_graph(nodes, "blocks", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 8, 8])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, channels])],
                              [numpy_helper.from_array(value, name) for name, value in initializers.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 23)])
    model.ir_version = 10
    onnx.checker.check_model(model)
    return model


def main():
    directory = sys.argv[1]
    os.makedirs(directory, exist_ok=True)
    rng = np.random.default_rng(11)
    model = build(rng)
    path = os.path.join(directory, "blocks.onnx")
    onnx.save(model, path)
    image = rng.random((1, 3, 8, 8), dtype=np.float32)
    output = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"]).run(None, {"x": image})[0]
    for name, value in (("input", image), ("output", output)):
        with open(os.path.join(directory, f"blocks.{name}.pb"), "wb") as handle:
            handle.write(numpy_helper.from_array(value).SerializeToString())


if __name__ == "__main__":
    main()
