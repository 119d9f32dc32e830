"""Running the shards of one `vggc` command as Ray tasks, and merging their reports."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import ray


class ShardFailed(RuntimeError):
    """A shard's `vggc` printed no report: its command, exit status and standard error."""


def eval_command(vggc, model, directory, index, count, options):
    """The `vggc eval` command line of shard `index` of `count`, with JSON output."""
    return [vggc, "eval", model, directory, "--shard", f"{index}/{count}", "--json", *options]


def explore_command(vggc, model, part, index, count, options):
    """The `vggc explore` command line of shard `index` of `count`, with JSON output."""
    return [vggc, "explore", model, "--part", part, "--shard", f"{index}/{count}", "--json", *options]


@ray.remote
def run_shard(command, directory, report_statuses):
    """Runs one shard's `vggc` command on a worker, in `directory` (the driver's working directory,
    so that relative paths name the same files and the report names them as given); returns its
    JSON report. An exit status in `report_statuses` with a report on standard output still gives
    the report (`vggc eval` exits 1 on an integer reference mismatch, which the merge reports as
    the unsharded run would)."""
    executable = shutil.which(command[0]) or command[0]
    finished = subprocess.run([executable, *command[1:]], cwd=directory, capture_output=True, text=True, check=False)
    if finished.returncode not in report_statuses or not finished.stdout.strip():
        raise ShardFailed(f"{' '.join(command)} exited with status {finished.returncode} on {os.uname().nodename}: "
                          f"{finished.stderr.strip()}")
    return finished.stdout


def run_shards(commands, cpus_per_shard, report_statuses, progress=None):
    """Runs `commands` as Ray tasks in the current working directory, each reserving
    `cpus_per_shard` CPUs; returns their reports in command order. `progress(done, reports,
    seconds)` hears whenever a shard finishes, with the reports finished so far."""
    task = run_shard.options(num_cpus=cpus_per_shard)
    here = os.getcwd()
    pending = {task.remote(command, here, report_statuses): index for index, command in enumerate(commands)}
    reports = [None] * len(commands)
    start = time.monotonic()
    waiting = list(pending)
    while waiting:
        ready, waiting = ray.wait(waiting, num_returns=1)
        for reference in ready:
            reports[pending[reference]] = ray.get(reference)
        if progress:
            progress(len(commands) - len(waiting), [report for report in reports if report is not None], time.monotonic() - start)
    return reports


def merge(vggc, reports, options):
    """`vggc merge` of `reports` (written to temporary files) with `options`, run locally; returns
    its exit status, standard output and standard error."""
    with tempfile.TemporaryDirectory(prefix="vggc-ray-") as folder:
        files = []
        for index, report in enumerate(reports):
            path = os.path.join(folder, f"shard-{index}-of-{len(reports)}.json")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(report)
            files.append(path)
        finished = subprocess.run([shutil.which(vggc) or vggc, "merge", *files, *options], capture_output=True, text=True,
                                  check=False)
    return finished.returncode, finished.stdout, finished.stderr


def evaluate(vggc, model, directory, shards, options, jobs_per_shard, json_output):
    """Runs `shards` shards of `vggc eval MODEL DIR` as Ray tasks, each reserving `jobs_per_shard`
    CPUs and running that many images at once, then `vggc merge`s their reports locally. Returns
    the merge's exit status, standard output and standard error."""
    commands = [eval_command(vggc, model, directory, index, shards, [*options, "--jobs", str(jobs_per_shard)])
                for index in range(shards)]
    reports = run_shards(commands, jobs_per_shard, (0, 1))
    return merge(vggc, reports, ["--json"] if json_output else [])


def explore_progress(shards, stream=sys.stderr):
    """A progress report for explore shards: one line per finished shard with the shards done, the
    configs they swept, the rate over the time so far, and the time left at the mean time per
    shard so far."""
    def report(done, reports, seconds):
        configs = sum(json.loads(report)["swept"] for report in reports)
        rate = configs / seconds * 60 if seconds > 0 else 0.0
        left = seconds / done * (shards - done)
        print(f"vggc-ray explore: {done}/{shards} shards done, {configs} configs in {seconds:.1f} s "
              f"({rate:.0f} configs/min), ETA {left:.0f} s", file=stream, flush=True)
    return report


def explore(vggc, model, part, shards, options, jobs_per_shard, merge_options):
    """Runs `shards` shards of `vggc explore MODEL --part PART` as Ray tasks, each reserving
    `jobs_per_shard` CPUs and running that many threads, reporting progress on standard error,
    then `vggc merge`s their reports locally with `merge_options` (--json, -o, --html). Returns the
    merge's exit status, standard output and standard error."""
    commands = [explore_command(vggc, model, part, index, shards, [*options, "--jobs", str(jobs_per_shard)])
                for index in range(shards)]
    reports = run_shards(commands, jobs_per_shard, (0,), explore_progress(shards))
    return merge(vggc, reports, merge_options)
