#!/usr/bin/env python3
"""Top-1 accuracy of an fp32 ONNX classifier on a folder of labelled images, with ONNX Runtime.

This is the independent yardstick for `vggc eval`: it reads the images with Pillow and applies the
preprocessing in numpy, in the order of vggc's `Preprocessing`: decode, convert to gray (one input
channel, Pillow's ITU-R 601 luma) or RGB, fit to the model's input height and width, scale to [0, 1],
subtract the mean and divide by the standard deviation per channel. Fitting is `--resize pad` (zero
padding, centred; the default, which is what the shipped MNIST models use) or `--resize none`
(the image must already have the model's size).

Labels come from the folder's `labels.csv` (`file,label`) if it exists, else from file names
`<anything>_<label>.<ext>`. The model must take one [1, C, H, W] input and return [1, classes].

    python3 Scripts/eval_onnx.py models/lenet_de1soc.onnx models/mnist/test
    python3 Scripts/eval_onnx.py models/vgg16_mnist.onnx models/mnist/test [--mean 0.1 --std 0.3]
"""

import argparse
import csv
import os
import sys

import numpy as np
import onnxruntime
from PIL import Image

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".ppm", ".pgm")


def labelled_images(folder: str) -> list[tuple[str, int]]:
    """(file name, label) pairs of the folder, sorted by file name."""
    table = os.path.join(folder, "labels.csv")
    if os.path.exists(table):
        with open(table, newline="") as handle:
            pairs = [(row["file"], int(row["label"])) for row in csv.DictReader(handle)]
    else:
        names = [name for name in os.listdir(folder) if name.lower().endswith(IMAGE_EXTENSIONS)]
        pairs = [(name, int(os.path.splitext(name)[0].rsplit("_", 1)[1])) for name in names]
    return sorted(pairs)


def fit(pixels: np.ndarray, height: int, width: int, resize: str) -> np.ndarray:
    """Zero-pad the [H, W, C] image, centred, to height x width (or check that it already fits)."""
    rows, columns = pixels.shape[:2]
    if (rows, columns) == (height, width):
        return pixels
    if resize == "none" or rows > height or columns > width:
        sys.exit(f"image of {rows}x{columns} does not fit the model's {height}x{width} with --resize {resize}")
    top, left = (height - rows) // 2, (width - columns) // 2
    padded = np.zeros((height, width, pixels.shape[2]), dtype=pixels.dtype)
    padded[top:top + rows, left:left + columns] = pixels
    return padded


def preprocess(path: str, shape: list[int], arguments: argparse.Namespace) -> np.ndarray:
    """One image as the model's [1, C, H, W] float32 input."""
    _, channels, height, width = shape
    image = Image.open(path).convert("L" if channels == 1 else "RGB")
    pixels = np.asarray(image, dtype=np.float32).reshape(image.height, image.width, channels)
    scaled = fit(pixels, height, width, arguments.resize) / 255.0
    normalised = (scaled - np.array(arguments.mean, np.float32)) / np.array(arguments.std, np.float32)
    return normalised.transpose(2, 0, 1)[None].astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("folder")
    parser.add_argument("--resize", choices=["pad", "none"], default="pad")
    parser.add_argument("--mean", type=float, nargs="+", default=[0.0])
    parser.add_argument("--std", type=float, nargs="+", default=[1.0])
    arguments = parser.parse_args()
    session = onnxruntime.InferenceSession(arguments.model, providers=["CPUExecutionProvider"])
    model_input = session.get_inputs()[0]
    pairs = labelled_images(arguments.folder)
    if not pairs:
        sys.exit(f"no labelled images in {arguments.folder}")
    correct = 0
    for name, label in pairs:
        tensor = preprocess(os.path.join(arguments.folder, name), model_input.shape, arguments)
        scores = session.run(None, {model_input.name: tensor})[0]
        correct += int(np.argmax(scores[0]) == label)
    print(f"{os.path.basename(arguments.model)} on {arguments.folder}: {correct}/{len(pairs)} correct, "
          f"top-1 accuracy {100.0 * correct / len(pairs):.2f}%")


if __name__ == "__main__":
    main()
