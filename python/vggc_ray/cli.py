"""The `vggc-ray` command line."""
import argparse
import os
import sys

import ray

import vggc_ray
from vggc_ray.shards import ShardFailed, evaluate, explore


def parser():
    """`vggc-ray eval MODEL.bin DIR --shards N ...` and `vggc-ray explore MODEL --part P --shards N ...`."""
    top = argparse.ArgumentParser(prog="vggc-ray", description=vggc_ray.__doc__)
    commands = top.add_subparsers(dest="command", required=True)
    add_eval(commands)
    add_explore(commands)
    return top


def add_common(command, shards_help, jobs_help):
    """The options both commands take: shards, the cluster, the executable, CPUs per shard, JSON."""
    command.add_argument("--shards", type=int, required=True, help=shards_help)
    command.add_argument("--address", help="the Ray cluster to join (default: start a local one)")
    command.add_argument("--vggc", default="vggc", help="the vggc executable on every node (default: vggc on PATH)")
    command.add_argument("--jobs-per-shard", type=int, default=1, help=jobs_help)
    command.add_argument("--json", action="store_true", help="print the merged result as JSON")


def add_eval(commands):
    """`vggc-ray eval MODEL.bin DIR --shards N [--address ADDR] [--vggc PATH] [--json] ...`."""
    command = commands.add_parser(
        "eval", help="Evaluate a compiled model on a Ray cluster: vggc eval --shard i/N on the workers, then vggc merge.",
        description="Runs `vggc eval MODEL DIR --shard i/N --json` for i = 0 ... N-1 as Ray tasks and merges the "
                    "reports with `vggc merge`: the output is what `vggc eval MODEL DIR` prints. The shards run in "
                    "this working directory, so it, MODEL, DIR and --reference must be at the same paths on every "
                    "node (a shared file system).")
    command.add_argument("model", help="the compiled model (.bin)")
    command.add_argument("directory", help="the directory of labelled images")
    add_common(command, "how many shards to split the images into",
               "images each shard runs at once; each shard reserves that many CPUs (default 1)")
    command.add_argument("--reference", help="the float ONNX model (as vggc eval --reference)")
    command.add_argument("--per-layer", action="store_true", help="as vggc eval --per-layer")
    command.add_argument("--reference-int", action="store_true", help="as vggc eval --reference-int")
    command.add_argument("--limit", type=int, help="as vggc eval --limit")
    command.add_argument("--labels", help="as vggc eval --labels")


def add_explore(commands):
    """`vggc-ray explore MODEL --part P --shards N [--address ADDR] [--vggc PATH] [--json] [-o FILE] ...`."""
    command = commands.add_parser(
        "explore", help="Explore accelerator configs on a Ray cluster: vggc explore --shard i/N on the workers, then vggc merge.",
        description="Runs `vggc explore MODEL --part P --shard i/N --json` for i = 0 ... N-1 as Ray tasks, reporting "
                    "shards done, configs/min and the time left on standard error, and merges the results with "
                    "`vggc merge`: the output, -o and --html are what `vggc explore MODEL --part P` prints and writes. "
                    "The shards run in this working directory, so it, MODEL and --space must be at the same paths on "
                    "every node (a shared file system).")
    command.add_argument("model", help="the model (.onnx or compiled .bin)")
    command.add_argument("--part", required=True, help="the FPGA part (as vggc explore --part)")
    add_common(command, "how many shards to split the sweep into",
               "threads each shard runs; each shard reserves that many CPUs (default 1)")
    command.add_argument("-o", "--output", help="write the best config as a target JSON (as vggc explore -o)")
    command.add_argument("--html", help="write the Pareto plots (as vggc explore --html)")
    command.add_argument("--clock", help="as vggc explore --clock")
    command.add_argument("--objective", help="as vggc explore --objective")
    command.add_argument("--budget", help="as vggc explore --budget")
    command.add_argument("--space", help="as vggc explore --space")


def eval_options(arguments):
    """The `vggc eval` options that every shard gets, paths as given (the shards run in this directory)."""
    options = []
    if arguments.reference:
        options += ["--reference", arguments.reference]
    if arguments.per_layer:
        options.append("--per-layer")
    if arguments.reference_int:
        options.append("--reference-int")
    if arguments.limit is not None:
        options += ["--limit", str(arguments.limit)]
    if arguments.labels:
        options += ["--labels", arguments.labels]
    return options


def explore_options(arguments):
    """The `vggc explore` options that every shard gets, paths as given (the shards run in this directory)."""
    options = []
    for name in ("clock", "objective", "budget", "space"):
        value = getattr(arguments, name)
        if value is not None:
            options += [f"--{name}", value]
    return options


def merge_options(arguments):
    """The `vggc merge` options of an exploration: --json, -o and --html."""
    options = ["--json"] if arguments.json else []
    if arguments.output:
        options += ["-o", arguments.output]
    if arguments.html:
        options += ["--html", arguments.html]
    return options


def executable(vggc):
    """`vggc` as a path that does not depend on the working directory, unless it is a bare name
    looked up on each node's PATH."""
    return os.path.abspath(vggc) if os.sep in vggc else vggc


def main(argv=None):
    """Runs the command; returns the exit status (`vggc merge`'s, or 1 when a shard failed)."""
    arguments = parser().parse_args(argv)
    if arguments.shards < 1 or arguments.jobs_per_shard < 1:
        print("vggc-ray: error: --shards and --jobs-per-shard must be at least 1", file=sys.stderr)
        return 2
    package = os.path.dirname(os.path.abspath(vggc_ray.__file__))
    ray.init(address=arguments.address, runtime_env={"py_modules": [package]}, log_to_driver=False,
             logging_level="WARNING")
    try:
        if arguments.command == "explore":
            status, output, errors = explore(
                executable(arguments.vggc), arguments.model, arguments.part, arguments.shards, explore_options(arguments),
                arguments.jobs_per_shard, merge_options(arguments))
        else:
            status, output, errors = evaluate(
                executable(arguments.vggc), arguments.model, arguments.directory, arguments.shards,
                eval_options(arguments), arguments.jobs_per_shard, arguments.json)
    except ray.exceptions.RayTaskError as failure:
        cause = getattr(failure, "cause", None)
        print(f"vggc-ray: error: {cause if isinstance(cause, ShardFailed) else failure}", file=sys.stderr)
        return 1
    finally:
        ray.shutdown()
    sys.stdout.write(output)
    sys.stderr.write(errors)
    return status
