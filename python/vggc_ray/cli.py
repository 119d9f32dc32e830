"""The `vggc-ray` command line."""
import argparse
import os
import sys

import ray

import vggc_ray
from vggc_ray.shards import ShardFailed, evaluate


def parser():
    """`vggc-ray eval MODEL.bin DIR --shards N [--address ADDR] [--vggc PATH] [--json] ...`."""
    top = argparse.ArgumentParser(prog="vggc-ray", description=vggc_ray.__doc__)
    commands = top.add_subparsers(dest="command", required=True)
    command = commands.add_parser(
        "eval", help="Evaluate a compiled model on a Ray cluster: vggc eval --shard i/N on the workers, then vggc merge.",
        description="Runs `vggc eval MODEL DIR --shard i/N --json` for i = 0 ... N-1 as Ray tasks and merges the "
                    "reports with `vggc merge`: the output is what `vggc eval MODEL DIR` prints. The shards run in "
                    "this working directory, so it, MODEL, DIR and --reference must be at the same paths on every "
                    "node (a shared file system).")
    command.add_argument("model", help="the compiled model (.bin)")
    command.add_argument("directory", help="the directory of labelled images")
    command.add_argument("--shards", type=int, required=True, help="how many shards to split the images into")
    command.add_argument("--address", help="the Ray cluster to join (default: start a local one)")
    command.add_argument("--vggc", default="vggc", help="the vggc executable on every node (default: vggc on PATH)")
    command.add_argument("--jobs-per-shard", type=int, default=1,
                         help="images each shard runs at once; each shard reserves that many CPUs (default 1)")
    command.add_argument("--json", action="store_true", help="print the merged result as JSON")
    command.add_argument("--reference", help="the float ONNX model (as vggc eval --reference)")
    command.add_argument("--per-layer", action="store_true", help="as vggc eval --per-layer")
    command.add_argument("--reference-int", action="store_true", help="as vggc eval --reference-int")
    command.add_argument("--limit", type=int, help="as vggc eval --limit")
    command.add_argument("--labels", help="as vggc eval --labels")
    return top


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
