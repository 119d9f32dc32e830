#!/usr/bin/env python3
"""Runs a model written by `vggc export-qdq` in ONNX Runtime, one image at a time.

    python3 Scripts/run_qdq_export.py MODEL.onnx INPUTS.npy OUTPUTS.npy VALUE

INPUTS.npy holds the preprocessed float inputs stacked on the batch axis; OUTPUTS.npy receives the
tensor named VALUE (any tensor of the graph, e.g. `<value>:dequantized`) for each input, stacked.
The model must pass onnx.checker's full check first. CPU execution provider with graph optimizations off (ORT_DISABLE_ALL), so that ONNX Runtime
computes the QDQ graph's own float semantics instead of fusing it into int8 kernels whose
arithmetic depends on the CPU (as Tests/ConformanceTests/QDQComparisonTests.swift explains).
"""
import sys

import numpy as np
import onnx
import onnxruntime as ort


def main(model_path, inputs_path, outputs_path, value):
    model = onnx.load(model_path)
    onnx.checker.check_model(model, full_check=True)
    if value not in [output.name for output in model.graph.output]:
        model.graph.output.append(onnx.helper.make_tensor_value_info(value, onnx.TensorProto.FLOAT, None))
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    inputs = np.load(inputs_path)
    outputs = [session.run([value], {name: inputs[index:index + 1]})[0] for index in range(inputs.shape[0])]
    np.save(outputs_path, np.concatenate(outputs).astype(np.float32))


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
