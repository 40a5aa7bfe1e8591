"""A scan killed with SIGKILL mid-way and run again ends with every document exactly once."""
import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pyarrow.parquet as pq
import pytest

pytestmark = pytest.mark.slow
FAKES = Path(__file__).with_name("scan_fakes.py")
HAS_CORE = importlib.util.find_spec("unspin.pipeline.restorer") is not None
COMMON = ["-w", "2", "--batch-size", "2", "--part-rows", "4", "--part-seconds", "0.5", "--quiet"]
# A fake restorer with a delay (fast, exact), and the real fast restorer through the installed CLI entry point.
MODES = {
    "fake": ([sys.executable, str(FAKES), "--fake-delay", "0.02"], 240),
    "real": ([sys.executable, "-c", "from unspin.cli import main; main()", "scan", "--fast"], 40),
}


def ids_in(out: Path) -> list[str]:
    parts = sorted(out.glob("part-*.parquet"))
    return [i for p in parts for i in pq.read_table(p, columns=["id"]).column("id").to_pylist()]


def start_scan(mode: str, corpus: Path, out: Path) -> subprocess.Popen:
    args = MODES[mode][0] + [str(corpus), "-o", str(out), *COMMON]
    return subprocess.Popen(args, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for_parts(out: Path, proc: subprocess.Popen, count: int, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while len(list(out.glob("part-*.parquet"))) < count:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the scan wrote no parts"
        time.sleep(0.05)


def sentences(i: int) -> str:
    return (f"Report {i}: the council met on Tuesday and agreed to spend more on roads. "
            "Residents said the plan was late, but most of them welcomed it spunzz. " * 3)


@pytest.mark.parametrize("mode", ["fake", pytest.param("real", marks=pytest.mark.skipif(
    not HAS_CORE, reason="the restorer core is not installed"))])
def test_sigkill_then_rerun_loses_and_duplicates_nothing(tmp_path, mode):
    n_docs = MODES[mode][1]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": sentences(i)}) + "\n" for i in range(n_docs)))
    out = tmp_path / "out.parquet"
    proc = start_scan(mode, corpus, out)
    try:
        wait_for_parts(out, proc, 3)
        workers = psutil.Process(proc.pid).children(recursive=True)
        os.kill(proc.pid, signal.SIGKILL)  # only the scan process, as an out-of-memory killer would
        proc.wait(timeout=10)
        gone, alive = psutil.wait_procs(workers, timeout=10)
        assert not alive, "worker processes outlived the killed scan"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
    before = ids_in(out)
    assert 0 < len(before) < n_docs and len(before) == len(set(before))

    rerun = start_scan(mode, corpus, out)
    stdout, stderr = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, stderr.decode()
    after = ids_in(out)
    assert len(after) == len(set(after)) == n_docs
    assert set(after) == {f"d{i}" for i in range(n_docs)}
    assert f"resumed: {len(before)} documents were already done" in stdout.decode()
