"""A scan killed with SIGKILL mid-way and run again ends with every document exactly once."""
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
N_DOCS = 240


def ids_in(out: Path) -> list[str]:
    parts = sorted(out.glob("part-*.parquet"))
    return [i for p in parts for i in pq.read_table(p, columns=["id"]).column("id").to_pylist()]


def start_scan(corpus: Path, out: Path) -> subprocess.Popen:
    args = [sys.executable, str(FAKES), "--fake-delay", "0.02", str(corpus), "-o", str(out), "-w", "2",
            "--batch-size", "2", "--part-rows", "10", "--part-seconds", "0.5", "--quiet"]
    return subprocess.Popen(args, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for_parts(out: Path, proc: subprocess.Popen, count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while len(list(out.glob("part-*.parquet"))) < count:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the scan wrote no parts"
        time.sleep(0.05)


def test_sigkill_then_rerun_loses_and_duplicates_nothing(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": f"text number {i} spunzz"}) + "\n"
                              for i in range(N_DOCS)))
    out = tmp_path / "out.parquet"
    proc = start_scan(corpus, out)
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
    assert 0 < len(before) < N_DOCS and len(before) == len(set(before))

    rerun = start_scan(corpus, out)
    stdout, stderr = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, stderr.decode()
    after = ids_in(out)
    assert len(after) == len(set(after)) == N_DOCS
    assert set(after) == {f"d{i}" for i in range(N_DOCS)}
    assert f"resumed: {len(before)} documents were already done" in stdout.decode()
