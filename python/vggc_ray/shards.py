"""Running the shards of one evaluation as Ray tasks, and merging their reports."""
import os
import shutil
import subprocess
import tempfile

import ray


class ShardFailed(RuntimeError):
    """A shard's `vggc eval` printed no report: its command, exit status and standard error."""


def eval_command(vggc, model, directory, index, count, options):
    """The `vggc eval` command line of shard `index` of `count`, with JSON output."""
    return [vggc, "eval", model, directory, "--shard", f"{index}/{count}", "--json", *options]


@ray.remote
def run_shard(command, directory):
    """Runs one shard's `vggc eval` on a worker, in `directory` (the driver's working directory, so
    that relative paths name the same files and the report names them as given); returns its JSON
    report. Exit status 1 with a report on standard output (an integer reference mismatch) still
    gives the report: the merge reports the mismatch as the unsharded run would."""
    executable = shutil.which(command[0]) or command[0]
    finished = subprocess.run([executable, *command[1:]], cwd=directory, capture_output=True, text=True, check=False)
    if finished.returncode not in (0, 1) or not finished.stdout.strip():
        raise ShardFailed(f"{' '.join(command)} exited with status {finished.returncode} on {os.uname().nodename}: "
                          f"{finished.stderr.strip()}")
    return finished.stdout


def evaluate(vggc, model, directory, shards, options, jobs_per_shard, json_output):
    """Runs `shards` shards of `vggc eval MODEL DIR` as Ray tasks in the current working directory,
    each reserving `jobs_per_shard` CPUs and running that many images at once, then `vggc merge`s
    their reports locally. Returns the merge's exit status, standard output and standard error."""
    task = run_shard.options(num_cpus=jobs_per_shard)
    here = os.getcwd()
    pending = [task.remote(eval_command(vggc, model, directory, index, shards, [*options, "--jobs", str(jobs_per_shard)]), here)
               for index in range(shards)]
    reports = ray.get(pending)
    with tempfile.TemporaryDirectory(prefix="vggc-ray-") as folder:
        files = []
        for index, report in enumerate(reports):
            path = os.path.join(folder, f"shard-{index}-of-{shards}.json")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(report)
            files.append(path)
        merge = [shutil.which(vggc) or vggc, "merge", *files, *(["--json"] if json_output else [])]
        finished = subprocess.run(merge, capture_output=True, text=True, check=False)
    return finished.returncode, finished.stdout, finished.stderr
