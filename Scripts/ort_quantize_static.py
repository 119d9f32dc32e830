#!/usr/bin/env python3
"""The benchmark's peer for compile time: ONNX Runtime's quantize_static (QDQ, per-channel int8
weights) on MODEL with the images of DIR preprocessed as vggc's --resize center-crop with ImageNet
mean/std (resize the shorter side to 256, centre-crop 224). Prints the wall time and peak RSS as JSON.

Usage: python3 Scripts/ort_quantize_static.py MODEL DIR OUT.onnx
"""
import json
import os
import resource
import sys
import time

import numpy as np
from PIL import Image
from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static

MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


def preprocess(path):
    image = Image.open(path).convert("RGB")
    width, height = image.size
    scale = 256 / min(width, height)
    image = image.resize((int(width * scale), int(height * scale)), Image.BILINEAR)
    width, height = image.size
    left, top = (width - 224) // 2, (height - 224) // 2
    array = np.asarray(image.crop((left, top, left + 224, top + 224)), dtype=np.float32) / 255
    return ((array - MEAN) / STD).transpose(2, 0, 1)[None].astype(np.float32)


class Reader(CalibrationDataReader):
    def __init__(self, directory, input_name):
        files = sorted(os.path.join(directory, f) for f in os.listdir(directory))
        self.batches = iter([{input_name: preprocess(f)} for f in files])

    def get_next(self):
        return next(self.batches, None)


def main():
    model, directory, out = sys.argv[1:4]
    import onnx
    input_name = onnx.load(model, load_external_data=False).graph.input[0].name
    start = time.perf_counter()
    quantize_static(model, out, Reader(directory, input_name), quant_format=QuantFormat.QDQ,
                    per_channel=True, weight_type=QuantType.QInt8, activation_type=QuantType.QUInt8,
                    use_external_data_format=True)
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024}))


if __name__ == "__main__":
    main()
