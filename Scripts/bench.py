#!/usr/bin/env python3
"""vggc's benchmark: measures each target side by side with its peer in one run and writes the
table to docs/BENCHMARKS.md.

Figures (each side by side with its peer):
  * Float reference: one VGG16 224x224 inference through `vggc reference` (release build),
    against PyTorch fp32 (torchvision VGG16 loaded with the same weights) and ONNX Runtime fp32,
    on the same input. Target: vggc within 2x of PyTorch.
  * Compile: VGG16 224x224 with 8 calibration images, time and peak memory, against ONNX
    Runtime's quantize_static.
  * Simulate: one bit-exact inference on the accelerator model (CIFAR-form VGG16, VGG16 224x224, ResNet-18)
    against ONNX Runtime's int8 (QDQ) and fp32 inference of the same network.
  * Modeled hardware: every network on every preset: cycles against the roofline bound, PE
    utilisation, DRAM bytes against compulsory, energy; DE1-SoC LeNet against the board's 164 us,
    zc706 VGG16 against Qiu et al.'s 187.8 GOP/s.
  * Torchvision networks (issue #11, Scripts/export_zoo.py): each compiled for each preset: cycles
    against the roofline bound, PE utilisation with the depthwise layers' own, DRAM bytes against
    compulsory, energy.
  * Accuracy: the shipped MNIST models compiled with each calibration method (and data-free) and
    each --arith mode, evaluated by `vggc eval --reference` on the 1000 held-out images: int8 and
    fp32 top-1 and their agreement, beside ONNX Runtime's own MinMax, Entropy and Percentile
    calibrators on the same images (Scripts/ort_calibration_accuracy.py). Targets: int8 within 0.3
    points of fp32, agreement >= 99.5%; no method more than 0.5 points below fp32 nor below ONNX
    Runtime's same method.

Timings are medians of --runs runs after one warm-up. `--quick` uses the small zoo model, one run
and 100 evaluation images so that a test can check the benchmark still works.

`--simulate-only` measures the Simulate figures alone (compiling the VGG16 .bin and the ONNX Runtime
QDQ model first when an earlier run has not left them in /tmp) and replaces just that table's rows
in docs/BENCHMARKS.md.

`--networks-only` measures the torchvision networks' table alone and replaces that section.

Usage: python3 Scripts/bench.py [--runs N] [--quick] [--no-write] [--skip-accuracy] [--simulate-only] [--networks-only]
                                [--vggc PATH]
"""
import argparse
import datetime
import fcntl
import json
import os
import platform
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ZOO = os.path.join(ROOT, "models", "zoo")


def run(command, **kwargs):
    return subprocess.run(command, cwd=ROOT, check=True, text=True, capture_output=True, **kwargs)


def ensure_zoo_files(model):
    """Generate the zoo graph's weights and reference files if missing, holding the lock that the
    test suite's generator also takes (the suite runs this script while its own tests generate)."""
    with open(os.path.join(ROOT, "models", ".generation.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        generate_missing_zoo_files(model)


def generate_missing_zoo_files(model):
    if not os.path.exists(os.path.join(ZOO, model + ".weights")):
        run([sys.executable, "Scripts/make_zoo_weights.py", "--models", model])
    if not os.path.exists(os.path.join(ZOO, model + ".input.pb")):
        run([sys.executable, "Scripts/zoo_reference.py", "--models", model])


def build_release():
    run(["swift", "build", "-c", "release", "--product", "vggc"])
    return os.path.join(run(["swift", "build", "-c", "release", "--show-bin-path"]).stdout.strip(), "vggc")


def time_vggc(vggc, model, runs):
    """Median wall time of the float reference, as vggc itself measures it (excludes loading)."""
    out = run([vggc, "reference", os.path.join(ZOO, model + ".onnx"),
               "--input", os.path.join(ZOO, model + ".input.pb"), "--repeat", str(runs + 1), "--json"])
    timings = json.loads(out.stdout)["timings_s"][1:]
    return statistics.median(timings)


def load_input(model):
    import onnx
    from onnx import numpy_helper
    tensor = onnx.TensorProto()
    with open(os.path.join(ZOO, model + ".input.pb"), "rb") as f:
        tensor.ParseFromString(f.read())
    return numpy_helper.to_array(tensor)


def time_onnxruntime(model, runs):
    import onnxruntime as ort
    options = ort.SessionOptions()
    options.intra_op_num_threads = os.cpu_count()
    session = ort.InferenceSession(os.path.join(ZOO, model + ".onnx"), options, providers=["CPUExecutionProvider"])
    feed = {session.get_inputs()[0].name: load_input(model)}
    session.run(None, feed)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        session.run(None, feed)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), ort.__version__


def time_pytorch(model, runs):
    """torchvision's architecture with the zoo model's weights (initializer names are the
    state_dict keys the exporter kept)."""
    try:
        import torch
        import torchvision
    except ImportError:
        return None, "not installed"
    import onnx
    from onnx import numpy_helper
    graph = onnx.load(os.path.join(ZOO, model + ".onnx")).graph
    state = {init.name: torch.from_numpy(numpy_helper.to_array(init).copy()) for init in graph.initializer}
    net = getattr(torchvision.models, model)(weights=None).eval()
    missing = set(net.state_dict()) - set(state)
    if missing:
        return None, f"weights not matched ({len(missing)} missing)"
    net.load_state_dict(state, strict=False)
    torch.set_num_threads(os.cpu_count())
    x = torch.from_numpy(load_input(model).copy())
    with torch.no_grad():
        net(x)
        timings = []
        for _ in range(runs):
            start = time.perf_counter()
            net(x)
            timings.append(time.perf_counter() - start)
    return statistics.median(timings), torch.__version__


SHIPPED = [
    ("lenet_de1soc", "models/lenet_de1soc.onnx", ["--target", "de1soc"]),
    ("vgg16_mnist", "models/vgg16_mnist.onnx", ["--resize", "pad"]),
]
CALIBRATIONS = [["--calibration", "minmax"], ["--calibration", "percentile"], ["--calibration", "entropy"], None]
ARITHMETIC = ["vgg16-cu", "de1soc-q10", "dynamic-fixed-point", "pow2-weights"]


def evaluate(vggc, model, flags, calibration, arith, limit):
    """Compiles `model` with the given calibration (None: data-free) and arithmetic, then evaluates."""
    out = os.path.join("/tmp", f"vggc-bench-{os.getpid()}.bin")
    command = [vggc, "compile", model, "-o", out, "--arith", arith, *flags]
    if calibration is not None:
        command += ["--calib", "models/mnist/calib", *calibration]
    run(command)
    evaluation = [vggc, "eval", out, "models/mnist/test", "--reference", model, "--json"]
    if limit:
        evaluation += ["--limit", str(limit)]
    report = json.loads(run(evaluation).stdout)
    os.remove(out)
    return report


CALIBRATION_IMAGES = "/tmp/vggc-bench-calib8"
# The compile flags of the ImageNet-size networks: the eight photo crops, torchvision's resize, crop and normalisation.
IMAGENET_CALIBRATION = ["--calib", CALIBRATION_IMAGES, "--calib-count", "8", "--resize", "center-crop",
                        "--mean", "0.485,0.456,0.406", "--std", "0.229,0.224,0.225"]


def write_calibration_images():
    """Eight 300x300 RGB crops of scikit-learn's two sample photos (the only real photos a package
    ships here), as JPEG."""
    from PIL import Image
    from sklearn.datasets import load_sample_images
    os.makedirs(CALIBRATION_IMAGES, exist_ok=True)
    index = 0
    for photo in load_sample_images().images:
        image = Image.fromarray(photo)
        width, height = image.size
        for left, top in [(0, 0), (width - 300, 0), (0, height - 300), (width - 300, height - 300)]:
            image.crop((left, top, left + 300, top + 300)).save(f"{CALIBRATION_IMAGES}/{index}.jpg", quality=95)
            index += 1


def peak_and_time(command):
    """Wall time and peak RSS (MiB) of a command, from GNU time."""
    result = run(["/usr/bin/time", "-f", "%e %M", *command])
    seconds, kib = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kib) / 1024


def compile_vgg16(vggc):
    """Wall time and peak memory of vggc compile (8 calibration images, minmax) and of ONNX Runtime's
    quantize_static on VGG16 224x224, leaving the .bin and the QDQ model in /tmp for the Simulate figures."""
    write_calibration_images()
    model = os.path.join(ZOO, "vgg16.onnx")
    ours = peak_and_time([vggc, "compile", model, "-o", "/tmp/vggc-bench-vgg16.bin", *IMAGENET_CALIBRATION])
    peer = json.loads(run([sys.executable, "Scripts/ort_quantize_static.py", model, CALIBRATION_IMAGES,
                           "/tmp/vggc-bench-vgg16-qdq.onnx"]).stdout)
    return ours, peer


def compile_resnet18(vggc):
    """ResNet-18 224x224 for the Simulate figures: vggc's .bin (zc706, the same 8 calibration images) and
    ONNX Runtime's QDQ model, left in /tmp."""
    ensure_zoo_files("resnet18")
    write_calibration_images()
    model = os.path.join(ZOO, "resnet18.onnx")
    run([vggc, "compile", model, "-o", "/tmp/vggc-bench-resnet18.bin", "--target", "zc706", *IMAGENET_CALIBRATION])
    run([sys.executable, "Scripts/ort_quantize_static.py", model, CALIBRATION_IMAGES, "/tmp/vggc-bench-resnet18-qdq.onnx"])


def compile_rows(vggc):
    """vggc compile (8 calibration images, minmax) against ONNX Runtime's quantize_static."""
    model = os.path.join(ZOO, "vgg16.onnx")
    model_mib = (os.path.getsize(model) + os.path.getsize(os.path.join(ZOO, "vgg16.weights"))) / 2**20
    ours, peer = compile_vgg16(vggc)
    return model_mib, [
        f"| vggc compile (import, passes, calibrate, quantize, write .bin) | {ours[0]:.1f} s | {ours[1]:.0f} MiB | {ours[1] / model_mib:.2f}x |",
        f"| ONNX Runtime quantize_static (QDQ, per-channel) | {peer['seconds']:.1f} s | {peer['peak_mib']:.0f} MiB | {peer['peak_mib'] / model_mib:.2f}x |",
    ]


def presets(vggc):
    """The hardware presets' configs, in the order `vggc targets` lists them."""
    return json.loads(run([vggc, "targets", "--json"]).stdout)


def compile_for_modeling(vggc, model, preset, binary, flags):
    """Compiles `model` for `preset` into `binary`; returns False when the preset has no LUT activations
    and the compiler refuses a table layer (LeNet's sigmoid) for that reason, raises on any other failure."""
    result = subprocess.run([vggc, "compile", model, "--target", preset["name"], "-o", binary, *flags],
                            cwd=ROOT, text=True, capture_output=True)
    if result.returncode != 0 and not preset["features"]["lutActivations"] and "has no LUT activations" in result.stderr:
        return False
    if result.returncode != 0:
        raise subprocess.CalledProcessError(result.returncode, result.args, result.stdout, result.stderr)
    return True


def compile_program(vggc, model, target, flags=()):
    """The per-layer table of `vggc compile --json` for a target (data-free: modeled figures do not
    depend on calibration)."""
    return json.loads(run([vggc, "compile", model, "--target", target, "--json", *flags]).stdout)["program"]


def ratio_cell(numerator, denominator):
    return f"{numerator / denominator:.2f}x" if denominator else "-"


def synthetic_image():
    """A seeded random 224x224 RGB PNG: the modeled figures do not depend on the pixels."""
    import numpy as np
    from PIL import Image
    path = "/tmp/vggc-bench-synthetic-224.png"
    if not os.path.exists(path):
        Image.fromarray((np.random.default_rng(0).random((224, 224, 3)) * 255).astype("uint8")).save(path)
    return path


def first_image(directory):
    return os.path.join(directory, sorted(f for f in os.listdir(directory) if f.endswith((".png", ".jpg")))[0])


def modeled_rows(vggc, quick):
    """Per preset and network: the compiled program run once on the accelerator model
    (`vggc run --json --stats`): cycles against the roofline bound, PE utilisation, DRAM bytes
    against compulsory, energy per image; conv layers against their own bounds."""
    networks = [("LeNet (MNIST)", os.path.join(ROOT, "models", "lenet_de1soc.onnx"), ["--calib", "models/mnist/calib"],
                 first_image(os.path.join(ROOT, "models", "mnist", "test")))]
    if not quick:
        networks.append(("VGG16 (CIFAR form, MNIST)", os.path.join(ROOT, "models", "vgg16_mnist.onnx"),
                         ["--calib", "models/mnist/calib", "--resize", "pad"], first_image(os.path.join(ROOT, "models", "mnist", "test"))))
    zoo = "alexnet" if quick else "vgg16"
    networks.append((f"{zoo} 224x224", os.path.join(ZOO, zoo + ".onnx"), [], synthetic_image()))
    rows, detail, lenet_us = [], [], None
    targets = presets(vggc)
    for name, model, flags, image in networks:
        for preset in targets:
            target = preset["name"]
            binary = f"/tmp/vggc-bench-modeled-{os.getpid()}.bin"
            if not compile_for_modeling(vggc, model, preset, binary, flags):
                rows.append(f"| {name} | {target} | refused: no LUT activations for its sigmoid |" + " - |" * 9)
                continue
            report = json.loads(run([vggc, "run", binary, image, "--json", "--stats"]).stdout)
            hardware, layers = report["hardware"], report["layers"]
            for layer in layers:
                layer["dram_bytes"] = layer["dram_bytes_read"] + layer["dram_bytes_written"]
            convs = [layer for layer in layers if layer["op"] == "Conv"]
            within = sum(layer["cycles"] <= 1.10 * layer["roofline_cycles"] for layer in convs)
            traffic = sum(layer["dram_bytes"] <= 1.15 * layer["compulsory_bytes"] for layer in convs)
            roofline = sum(layer["roofline_cycles"] for layer in layers)
            dram = hardware["dram_bytes_read"] + hardware["dram_bytes_written"]
            compulsory = sum(layer["compulsory_bytes"] for layer in layers)
            conv_cycles = sum(layer["cycles"] for layer in convs)
            gops = 2 * sum(layer["macs"] for layer in convs) / (conv_cycles / (hardware["clock_mhz"] * 1e6)) / 1e9 if conv_cycles else 0
            rows.append(f"| {name} | {target} | {hardware['cycles']:,} | {ratio_cell(hardware['cycles'], roofline)} | "
                        f"{hardware['latency_us']:,.1f} us | {hardware['pe_utilisation'] * 100:.1f}% | {within}/{len(convs)} | "
                        f"{dram:,} | {ratio_cell(dram, compulsory)} | {traffic}/{len(convs)} | {hardware['energy_uj']['total']:,.1f} uJ | {gops:.1f} |")
            if "lenet" in model and target == "de1soc":
                lenet_us = hardware["latency_us"]
            if zoo in model and target == "zc706":
                detail = [f"| {layer['name']} | {layer['cycles']:,} | {layer['roofline_cycles']:,} | "
                          f"{ratio_cell(layer['cycles'], layer['roofline_cycles'])} | {layer['pe_utilisation'] * 100:.0f}% | "
                          f"{layer['dram_bytes']:,} | {layer['compulsory_bytes']:,} | {ratio_cell(layer['dram_bytes'], layer['compulsory_bytes'])} |"
                          for layer in convs]
            os.remove(binary)
    return rows, detail, lenet_us


# Issue #11's torchvision networks (Scripts/export_zoo.py's NETS, TorchScript exports in models/zoo).
TORCHVISION_NETWORKS = ["resnet18", "resnet50", "mobilenet_v2", "mobilenet_v3_small", "squeezenet1_1", "googlenet",
                        "densenet121", "shufflenet_v2_x1_0", "efficientnet_b0", "regnet_x_400mf", "mnasnet0_5"]
NETWORKS_HEADER = "## Modeled hardware: torchvision networks on every preset"


def unlinked_zoo_model(name, directory):
    """`models/zoo/<name>.onnx` with its weights beside it in `directory`, hard-linked (copied across file
    systems): vggc refuses external data behind a symbolic link, and the worktrees link the zoo's weights."""
    os.makedirs(directory, exist_ok=True)
    for suffix in (".onnx", ".weights"):
        source, target = os.path.realpath(os.path.join(ZOO, name + suffix)), os.path.join(directory, name + suffix)
        if not os.path.exists(target):
            try:
                os.link(source, target)
            except OSError:
                import shutil
                shutil.copyfile(source, target)
    return os.path.join(directory, name + ".onnx")


def depthwise_cell(layers):
    """The utilisation each depthwise layer reaches: count, minimum, median and maximum."""
    depthwise = sorted(layer["pe_utilisation"] for layer in layers if "depthwise" in layer["op"])
    if not depthwise:
        return "-"
    return (f"{len(depthwise)}: {depthwise[0] * 100:.1f}% / {statistics.median(depthwise) * 100:.1f}% / "
            f"{depthwise[-1] * 100:.1f}%")


def refusal_reason(output, status):
    """A refused compile's reason: the first problem of its table (`op (node): reason`), else its error line."""
    lines = output.splitlines()
    header = next((index for index, line in enumerate(lines) if line.split()[:2] == ["stage", "node"]), None)
    if header is not None and header + 1 < len(lines):
        import re
        stage, node, op, reason = re.split(r"\s{2,}", lines[header + 1].strip(), maxsplit=3)
        return f"{op} ({node}): {reason}"
    return next((line for line in lines if line.startswith("error:")), f"exit {status}").removeprefix("error: ")


def network_rows(vggc):
    """Per torchvision network and preset: the program compiled data-free (timing does not depend on the
    data) and run once on the accelerator model (`vggc run --json --stats`, a synthetic image): cycles
    against the roofline bound, PE utilisation (depthwise layers called out), DRAM bytes against
    compulsory, energy per image; a refusal gives the compiler's one-line reason. Also the seconds taken."""
    start = time.perf_counter()
    rows, targets, image = [], presets(vggc), synthetic_image()
    directory = f"/tmp/vggc-bench-networks-{os.getpid()}"
    for name in TORCHVISION_NETWORKS:
        ensure_zoo_files(name)
        model = unlinked_zoo_model(name, directory)
        for preset in targets:
            binary = os.path.join(directory, "model.bin")
            compiled = subprocess.run([vggc, "compile", model, "--target", preset["name"], "-o", binary],
                                      cwd=ROOT, text=True, capture_output=True)
            if compiled.returncode != 0:
                reason = refusal_reason(compiled.stdout + "\n" + compiled.stderr, compiled.returncode)
                rows.append(f"| {name} | {preset['name']} | refused: {reason.replace('|', '/')} |" + " - |" * 6)
                continue
            report = json.loads(run([vggc, "run", binary, image, "--json", "--stats"]).stdout)
            hardware, layers = report["hardware"], report["layers"]
            roofline = sum(layer["roofline_cycles"] for layer in layers)
            dram = hardware["dram_bytes_read"] + hardware["dram_bytes_written"]
            compulsory = sum(layer["compulsory_bytes"] for layer in layers)
            rows.append(f"| {name} | {preset['name']} | {hardware['cycles']:,} | {ratio_cell(hardware['cycles'], roofline)} | "
                        f"{hardware['pe_utilisation'] * 100:.1f}% | {depthwise_cell(layers)} | {dram:,} | "
                        f"{ratio_cell(dram, compulsory)} | {hardware['energy_uj']['total']:,.1f} uJ |")
            os.remove(binary)
    import shutil
    shutil.rmtree(directory, ignore_errors=True)
    return rows, time.perf_counter() - start


def networks_section(vggc):
    """The lines of the torchvision networks' section."""
    rows, seconds = network_rows(vggc)
    return [
        NETWORKS_HEADER,
        "",
        "Issue #11's networks (Scripts/export_zoo.py, TorchScript exports, deterministic random weights) compiled",
        "data-free for each preset (in the preset's arithmetic) and run once on the accelerator model",
        "(`vggc run --json --stats` on a synthetic image: the modeled timing does not depend on the data). Roofline",
        "and compulsory bytes as above, summed over the layers. Depthwise layers: how many, and the PE utilisation",
        "each reaches (minimum / median / maximum over them); they include the 1×1 depthwise layers (a standalone",
        "BatchNorm as a per-channel affine: DenseNet's) and the squeeze-and-excitation products (`Multiply (depthwise)`:",
        "half of EfficientNet's 32). Every output of a k×k depthwise layer costs `POST` a lane-cycle for only k² MACs,",
        "so no tiling takes one past k²/(k² + Pi·Pk) of the array (3×3: 27% on zc706, 36% on vta, 22% on zcu102, 50% on",
        "seed000, 90% on de1soc; 1×1: under 6% on the wide presets), and one whose input or output is in DRAM is",
        "DRAM-bound below that (docs/SCHEDULING.md, \"Depthwise convolutions\", has each layer's bound).",
        "A refused compile gives the compiler's reason.",
        f"This section took {seconds / 60:.1f} minutes (`python3 Scripts/bench.py --networks-only`, release build).",
        "",
        "| network | preset | cycles | / roofline | PE utilisation | depthwise layers: utilisation min / median / max "
        "| DRAM bytes | / compulsory | energy per image |",
        "|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
    ]


def networks_only(vggc, write):
    """The torchvision networks' section alone, replacing its earlier version in docs/BENCHMARKS.md (or
    inserted before the accuracy section)."""
    section = networks_section(vggc)
    print("\n".join(section))
    if not write:
        return
    path = os.path.join(ROOT, "docs", "BENCHMARKS.md")
    with open(path) as f:
        lines = f.read().split("\n")
    if NETWORKS_HEADER in lines:
        start = lines.index(NETWORKS_HEADER)
        end = next((index for index in range(start + 1, len(lines)) if lines[index].startswith("## ")), len(lines))
    else:
        start = end = next(index for index, line in enumerate(lines) if line.startswith("## Accuracy"))
    lines[start:end] = section
    with open(path, "w") as f:
        f.write("\n".join(lines))


MODELED_HEADER = "## Modeled hardware: every preset"


def replace_table(lines, start, header_prefix, rows):
    """Replaces the rows of the first table at or after `start` whose header line starts with
    `header_prefix` (the rows after its separator line, up to the blank line) with `rows`."""
    head = next(index for index in range(start, len(lines)) if lines[index].startswith(header_prefix))
    first = head + 2
    end = next((index for index in range(first, len(lines)) if not lines[index].startswith("|")), len(lines))
    lines[first:end] = rows


def modeled_only(vggc, write):
    """The "every preset" table and its per-layer zc706 table alone, replacing their rows in
    docs/BENCHMARKS.md (the prose around them is kept)."""
    summary, detail, _ = modeled_rows(vggc, False)
    print("\n".join(summary + [""] + detail))
    if not write:
        return
    path = os.path.join(ROOT, "docs", "BENCHMARKS.md")
    with open(path) as f:
        lines = f.read().split("\n")
    start = lines.index(MODELED_HEADER)
    replace_table(lines, start, "| network | preset |", summary)
    replace_table(lines, start, "| layer | cycles | roofline |", detail)
    with open(path, "w") as f:
        f.write("\n".join(lines))


def time_ort_session(path, feed_shape, runs):
    """Median ONNX Runtime CPU inference time of an ONNX file (fp32 or QDQ int8) on a fixed input."""
    import numpy as np
    import onnxruntime as ort
    options = ort.SessionOptions()
    options.intra_op_num_threads = os.cpu_count()
    session = ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])
    feed = {session.get_inputs()[0].name: np.random.default_rng(0).random(feed_shape, dtype=np.float32)}
    session.run(None, feed)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        session.run(None, feed)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def time_simulation(vggc, binary, directory, count):
    """Per-image wall time of bit-exact inference on the accelerator model (`vggc run DIR`, which
    times its image loop; loading the .bin is excluded), over `count` images."""
    folder = f"/tmp/vggc-bench-sim-{os.getpid()}"
    os.makedirs(folder, exist_ok=True)
    for name in sorted(f for f in os.listdir(directory) if f.endswith((".png", ".jpg")))[:count]:
        target = os.path.join(folder, name)
        if not os.path.exists(target):
            os.symlink(os.path.join(directory, name), target)
    summary = json.loads(run([vggc, "run", binary, folder, "--json"]).stdout)
    for name in os.listdir(folder):
        os.remove(os.path.join(folder, name))
    os.rmdir(folder)
    return summary["host_seconds"] / summary["images"]


LOAD_NOTE = "Load average while measuring"


def simulate_rows(vggc, runs, quick):
    """Bit-exact inference on the accelerator model against ONNX Runtime int8 (QDQ, quantize_static)
    and fp32 on the same network, and a line giving the machine's load meanwhile (other work on
    the shared cores slows both sides, ONNX Runtime's two threads the most)."""
    first_load = os.getloadavg()[0]
    rows = []
    mnist = os.path.join(ROOT, "models", "mnist", "test")
    binary = f"/tmp/vggc-bench-sim-{os.getpid()}.bin"
    run([vggc, "compile", "models/vgg16_mnist.onnx", "--target", "zc706", "-o", binary, "--calib", "models/mnist/calib", "--resize", "pad"])
    if not os.path.exists(os.path.join(ROOT, "models", "qdq", "vgg16_mnist_u8_per_channel.onnx")):
        run([sys.executable, "Scripts/make_qdq_models.py"])
    ours = time_simulation(vggc, binary, mnist, 3 if quick else 10)
    int8 = time_ort_session(os.path.join(ROOT, "models", "qdq", "vgg16_mnist_u8_per_channel.onnx"), (1, 1, 32, 32), runs)
    fp32 = time_ort_session(os.path.join(ROOT, "models", "vgg16_mnist.onnx"), (1, 1, 32, 32), runs)
    rows.append(f"| VGG16 (CIFAR form, 32x32) | {ours * 1000:.1f} ms | {int8 * 1000:.2f} ms | {ours / int8:.1f}x | {fp32 * 1000:.2f} ms | {ours / fp32:.1f}x |")
    os.remove(binary)
    if not quick and os.path.exists("/tmp/vggc-bench-vgg16.bin") and os.path.exists("/tmp/vggc-bench-vgg16-qdq.onnx"):
        ours = time_simulation(vggc, "/tmp/vggc-bench-vgg16.bin", CALIBRATION_IMAGES, 3)
        int8 = time_ort_session("/tmp/vggc-bench-vgg16-qdq.onnx", (1, 3, 224, 224), runs)
        fp32 = time_ort_session(os.path.join(ZOO, "vgg16.onnx"), (1, 3, 224, 224), runs)
        rows.append(f"| VGG16 224x224 | {ours * 1000:.0f} ms | {int8 * 1000:.0f} ms | {ours / int8:.1f}x | {fp32 * 1000:.0f} ms | {ours / fp32:.1f}x |")
    if not quick:
        compile_resnet18(vggc)
        ours = time_simulation(vggc, "/tmp/vggc-bench-resnet18.bin", CALIBRATION_IMAGES, 4)
        int8 = time_ort_session("/tmp/vggc-bench-resnet18-qdq.onnx", (1, 3, 224, 224), runs)
        fp32 = time_ort_session(os.path.join(ZOO, "resnet18.onnx"), (1, 3, 224, 224), runs)
        rows.append(f"| ResNet-18 224x224 | {ours * 1000:.0f} ms | {int8 * 1000:.0f} ms | {ours / int8:.1f}x | {fp32 * 1000:.0f} ms | {ours / fp32:.1f}x |")
    note = (f"{LOAD_NOTE}: {first_load:.1f} to {os.getloadavg()[0]:.1f} (1-minute average, {os.cpu_count()} cores); "
            "other work on the shared cores slows both sides, ONNX Runtime's two threads the most.")
    return rows, note


def simulate_only(vggc, runs, write):
    """The Simulate rows alone, spliced into the existing docs/BENCHMARKS.md (the rest kept)."""
    ensure_zoo_files("vgg16")
    if not (os.path.exists("/tmp/vggc-bench-vgg16.bin") and os.path.exists("/tmp/vggc-bench-vgg16-qdq.onnx")):
        compile_vgg16(vggc)
    rows, note = simulate_rows(vggc, runs, False)
    print("\n".join(rows + [note]))
    if not write:
        return
    path = os.path.join(ROOT, "docs", "BENCHMARKS.md")
    with open(path) as f:
        lines = f.read().split("\n")
    header = lines.index("| network | vggc simulate (per image) | ORT int8 | vggc / ORT int8 | ORT fp32 | vggc / ORT fp32 |")
    end = header + 2
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    if end + 1 < len(lines) and lines[end + 1].startswith(LOAD_NOTE):
        lines[end + 1] = note
    else:
        lines[end:end] = ["", note]
    lines[header + 2:end] = rows
    with open(path, "w") as f:
        f.write("\n".join(lines))


def ort_calibration_accuracy():
    """ONNX Runtime's own int8 top-1 per calibration method (MinMax, Entropy, Percentile; QDQ,
    quantize_static, u8 activations, per-channel s8 weights) on the same calibration and test
    images, from Scripts/ort_calibration_accuracy.py: {model: {method: top1}}."""
    return json.loads(run([sys.executable, "Scripts/ort_calibration_accuracy.py"]).stdout)


def accuracy_rows(vggc, limit, quick, ort):
    """One row per model, calibration and arithmetic; the default-arithmetic rows of a calibration
    method ONNX Runtime also has show its top-1 with the same method beside vggc's."""
    rows = []
    for name, model, flags in SHIPPED[:1] if quick else SHIPPED:
        configurations = [(CALIBRATIONS[0], "default")] if quick else \
            [(c, "default") for c in CALIBRATIONS] + [(CALIBRATIONS[0], a) for a in ARITHMETIC]
        for calibration, arith in configurations:
            report = evaluate(vggc, model, flags, calibration, arith, limit)
            method = calibration[1] if calibration else "data-free"
            delta = (report["int8_accuracy"] - report["fp32_accuracy"]) * 100
            peer = ort.get(name, {}).get(method) if arith == "default" else None
            peer_cells = "| |" if peer is None else \
                f"| {peer * 100:.2f}% | {(peer - ort[name]['fp32']) * 100:+.2f} |"
            rows.append(f"| {name} | {method} | {arith} | {report['fp32_accuracy'] * 100:.2f}% | "
                        f"{report['int8_accuracy'] * 100:.2f}% | {delta:+.2f} | {report['top1_agreement'] * 100:.2f}% "
                        f"{peer_cells}")
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="alexnet, one run, no table written")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--skip-accuracy", action="store_true", help="skip the accuracy tables")
    parser.add_argument("--simulate-only", action="store_true",
                        help="measure only the Simulate table and replace its rows in docs/BENCHMARKS.md")
    parser.add_argument("--networks-only", action="store_true",
                        help="measure only the torchvision networks' table and replace it in docs/BENCHMARKS.md")
    parser.add_argument("--modeled-only", action="store_true",
                        help="measure only the every-preset modeled tables and replace their rows in docs/BENCHMARKS.md")
    parser.add_argument("--vggc", help="use this vggc binary instead of building one (the quick-mode test passes its own)")
    args = parser.parse_args()
    model = "alexnet" if args.quick else "vgg16"
    runs = 1 if args.quick else args.runs
    if args.simulate_only:
        simulate_only(args.vggc or build_release(), args.runs, not args.no_write)
        return
    if args.modeled_only:
        modeled_only(args.vggc or build_release(), not args.no_write)
        return
    if args.networks_only:
        networks_only(args.vggc or build_release(), not args.no_write)
        return

    ensure_zoo_files(model)
    vggc = args.vggc or build_release()
    ours = time_vggc(vggc, model, runs)
    ort_time, ort_version = time_onnxruntime(model, runs)
    torch_time, torch_version = time_pytorch(model, runs)
    ort_accuracy = {} if args.skip_accuracy or args.quick else ort_calibration_accuracy()
    accuracy = [] if args.skip_accuracy else accuracy_rows(vggc, 100 if args.quick else None, args.quick, ort_accuracy)
    model_mib, compile_table = (0, []) if args.quick else compile_rows(vggc)
    modeled_summary, modeled_detail, lenet_us = modeled_rows(vggc, args.quick)
    networks = [] if args.quick else networks_section(vggc)
    simulate_table, simulate_note = simulate_rows(vggc, runs, args.quick)

    rows = [("vggc float reference (fp32, OpenBLAS SGEMM)", ours, "")]
    rows.append((f"ONNX Runtime {ort_version} fp32 CPU", ort_time, f"{ours / ort_time:.2f}x"))
    if torch_time is not None:
        rows.append((f"PyTorch {torch_version} fp32 CPU", torch_time, f"{ours / torch_time:.2f}x"))
    table = [f"| {name} | {seconds * 1000:.0f} ms | {ratio} |" for name, seconds, ratio in rows]
    verdict = ""
    if torch_time is not None:
        verdict = f"Target: vggc within 2x of PyTorch. Measured {ours / torch_time:.2f}x: " + \
                  ("met." if ours <= 2 * torch_time else "NOT met.")
    else:
        verdict = f"PyTorch: {torch_version}; the 2x target could not be checked in this run."

    report = "\n".join([
        "# vggc benchmarks",
        "",
        "Written by `python3 Scripts/bench.py` (medians of %d runs after a warm-up). Do not edit by hand." % runs,
        "",
        f"- Date: {datetime.date.today().isoformat()}",
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        f"- Command: `python3 Scripts/bench.py --runs {runs}`",
        f"- OpenBLAS kernels: OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(auto-detected)')}",
        "- Timings on this shared 2-core machine vary by about ±20% between runs; vggc's own figure is",
        "  the interpreter alone (model loading excluded), as are the peers'.",
        "",
        f"## Float reference: {model} 224x224, batch 1",
        "",
        "| implementation | median time | vggc / peer |",
        "|---|---|---|",
        *table,
        "",
        verdict,
        "",
    ] + ([
        f"## Compile: VGG16 224x224 ({model_mib:.0f} MiB of fp32 weights) with 8 calibration images",
        "",
        "| step | wall time | peak memory | peak / model size |",
        "|---|---|---|---|",
        *compile_table,
        "",
    ] if compile_table else []) + [
        "## Simulate: one bit-exact inference on the accelerator model",
        "",
        "`vggc run MODEL.bin DIR` (release build) times its image loop: decode, preprocess, quantize, execute every",
        "instruction on the accelerator model (zc706 preset) bit-exactly, dequantize; loading the .bin is excluded.",
        "Peers: ONNX Runtime on the same network, its own int8 (QDQ from quantize_static, per-channel) and fp32,",
        "medians of the runs. Target: within 3x of ONNX Runtime int8 on every network. `vggc run DIR` uses every core",
        "(`--jobs`, default the core count), as ONNX Runtime's session does (intra-op threads = cores).",
        "",
        "| network | vggc simulate (per image) | ORT int8 | vggc / ORT int8 | ORT fp32 | vggc / ORT fp32 |",
        "|---|---|---|---|---|---|",
        *simulate_table,
        "",
        simulate_note,
        "",
        MODELED_HEADER,
        "",
        "Each network compiled for each preset (in the preset's arithmetic) and run once on the accelerator model",
        "(`vggc run --json --stats`); a preset without LUT activations refuses LeNet's sigmoid. The roofline bound of a layer is max(MACs / peak MACs per cycle, compulsory bytes /",
        "DRAM bytes per cycle); the network's is the sum over layers. Targets (issue 12, docs/DESIGN): each conv layer within",
        "1.10x of its bound, and DRAM traffic within 1.15x of compulsory where SRAM allows. conv1 (3 input channels)",
        "folds its kernel into 27 input planes where that pays (docs/SCHEDULING.md): it reads its input once per kernel",
        "position (DRAM above compulsory) and its 3.2 M outputs cost the post-processing pipeline 1/(Po*Pp) cycles each,",
        "which keeps it above its bound on zc706 and zcu102.",
        "",
        "| network | preset | cycles | / roofline | latency | PE utilisation | conv layers within 1.10x of roofline | DRAM bytes | / compulsory | conv layers within 1.15x of compulsory | energy per image | conv GOP/s (modeled) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
        *modeled_summary,
        "",
        f"DE1-SoC LeNet on `de1soc` (de1soc-q10): {lenet_us:.0f} us per image modeled; the board measured 164 us per image.",
        "Qiu et al. (FPGA 2016) report 187.8 GOP/s on the conv layers of VGG16 on a ZC706 at 150 MHz: compare the",
        "VGG16 224x224 zc706 row's conv GOP/s.",
        "",
        "Per conv layer, zc706:",
        "",
        "| layer | cycles | roofline | ratio | PE utilisation | DRAM bytes | compulsory | ratio |",
        "|---|---|---|---|---|---|---|---|",
        *modeled_detail,
        "",
    ] + networks + ([
        "## Accuracy: shipped MNIST models, int8 (`vggc eval --reference`) against fp32",
        "",
        f"{'First 100' if args.quick else 'All 1000'} held-out images of `models/mnist/test`; calibration on the 200 images of",
        "`models/mnist/calib` (data-free: no images). Targets: int8 within 0.3 points of fp32, top-1 agreement >= 99.5%;",
        "no calibration method more than 0.5 points below fp32, and each at least as accurate as ONNX Runtime's own",
        "calibrator of that method (QDQ quantize_static, u8 activations, per-channel s8 weights, the same 200",
        "calibration images, its defaults: Entropy on a 128-bin signed histogram, Percentile 99.999 on |x|;",
        "Scripts/ort_calibration_accuracy.py).",
        "LeNet compiles for `de1soc`, the preset with LUT activations for its sigmoid (the accuracy does not depend on the preset).",
        "",
        "| model | calibration | arithmetic | fp32 top-1 | int8 top-1 | int8 - fp32 (points) | top-1 agreement "
        "| ORT int8 top-1, same method | ORT - fp32 (points) |",
        "|---|---|---|---|---|---|---|---|---|",
        *accuracy,
        "",
    ] if accuracy else []))
    print(report)
    if not args.quick and not args.no_write:
        path = os.path.join(ROOT, "docs", "BENCHMARKS.md")
        with open(path) as f:
            kept = kept_sections(f.read())
        with open(path, "w") as f:
            f.write(report + kept)


# Sections of docs/BENCHMARKS.md that other tools measure (Scripts/fidelity.py, Scripts/fuzz.sh, vggc cosim,
# vggc explore): a full run keeps them as they are, after its own tables.
KEPT_SECTIONS = ("## Fidelity on photographs", "## Robustness", "## RTL", "## Design-space exploration")


def kept_sections(text):
    """The sections of `text` that this benchmark does not write, from the first of them to the end."""
    starts = [text.find("\n" + title) for title in KEPT_SECTIONS if text.find("\n" + title) >= 0]
    return text[min(starts):] if starts else ""


if __name__ == "__main__":
    main()
