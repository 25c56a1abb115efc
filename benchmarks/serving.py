"""Serving in public: what hostile queries can take from a real `quotes serve`.

    .venv/bin/python benchmarks/serving.py [--db quotes.db] [--seconds 10] [--out FILE]

Starts `quotes serve` on a copy of the index, on 127.0.0.1, and measures:

- the largest response body any of a set of amplification queries produces (huge printf,
  zeroblob, replace, group_concat, many large rows, control characters that JSON escapes);
- the server's peak RSS (VmHWM) before and after them;
- the `search_quotes` median and p99, alone and while 4 clients loop a slow arbitrary
  (recursive) query, for a bounded number of seconds.

Prints a Markdown report and writes it to ``--out`` when given. Takes under a minute.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AMPLIFICATION = {
    "printf 900 MB": "select printf('%.*c', 900000000, 'x') as v",
    "zeroblob 900 MB": "select zeroblob(900000000) as v",
    "replace ×2 of 5 MB": "select replace(printf('%.*c', 5000000, 'x'), 'x', 'xx') as v",
    "instr, 4 MB in 2 MB (quadratic in SQLite)": (
        "select instr(printf('%.*c', 4000000, 'a'), printf('%.*c', 2000000, 'a') || 'b') as v"
    ),
    "trim, 4 MB by 2 MB (quadratic in SQLite)": (
        "select length(trim(printf('%.*c', 4000000, 'a') || 'c', printf('%.*c', 2000000, 'b') || 'a')) as v"
    ),
    "group_concat 200 × 1 MB": (
        "with recursive n(i) as (select 1 union all select i + 1 from n where i < 200)"
        " select group_concat(printf('%.*c', 1000000, 'x'), '') as v from n"
    ),
    "1,000 rows × 1 MB": (
        "with recursive n(i) as (select 1 union all select i + 1 from n where i < 1000)"
        " select printf('%.*c', 1000000, 'x') as v from n"
    ),
    "1,000 rows × 15 KB": (
        "with recursive n(i) as (select 1 union all select i + 1 from n where i < 1000)"
        " select printf('%.*c', 15000, 'x') as v from n"
    ),
    "8 MB of control characters": "select printf('%.*c', 8000000, char(1)) as v",
    "2 × 2.6 MB of control characters": (
        "select printf('%.*c', 2600000, char(1)) as v union all select printf('%.*c', 2600001, char(1))"
    ),
}
SLOW_SQL = "with recursive n(i) as (select 1 union all select i + 1 from n) select count(*) from n"
SEARCHES = ["expendable", "troops", "Russia", "human wave", "drone", "Kursk", "losses", "we"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, conn: HTTPConnection | None = None) -> tuple[int, int, float]:
    """(status, body bytes, seconds) of one GET."""
    conn = conn or HTTPConnection("127.0.0.1", port, timeout=120)
    started = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    size = 0
    while chunk := response.read(1 << 20):
        size += len(chunk)
    return response.status, size, time.perf_counter() - started


def rss_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def sql_path(sql: str) -> str:
    return "/quotes.json?" + urllib.parse.urlencode({"sql": sql, "_shape": "array"})


def search_latencies(port: int, seconds: float, limit: int = 2000) -> list[float]:
    conn = HTTPConnection("127.0.0.1", port, timeout=60)
    latencies = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline and len(latencies) < limit:
        q = SEARCHES[len(latencies) % len(SEARCHES)]
        status, _, took = get(port, "/quotes/search_quotes.json?" + urllib.parse.urlencode({"q": q}), conn)
        assert status == 200, status
        latencies.append(took)
    return sorted(latencies)


def figures(latencies: list[float]) -> str:
    p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
    return f"{len(latencies)} | {1000 * statistics.median(latencies):.1f} ms | {1000 * p99:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=str(ROOT / "quotes.db"))
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="quotes-serving-"))
    db = work / "quotes.db"
    shutil.copy(args.db, db)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "quotes", "serve", str(db), "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines = []
    try:
        for _ in range(300):
            try:
                if get(port, "/-/versions.json")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"the server did not start: {server.stderr.read()[-2000:]}")
        # Warm up every path once, so the peak RSS before is the server's working size.
        search_latencies(port, 1, limit=20)
        before = rss_mb(server.pid, "VmHWM")

        lines += ["| amplification query | status | body | time |", "|---|---|---|---|"]
        largest = 0
        for name, sql in AMPLIFICATION.items():
            status, size, took = get(port, sql_path(sql))
            largest = max(largest, size)
            lines.append(f"| {name} | {status} | {size / 2**20:.2f} MB | {took:.2f} s |")
        after = rss_mb(server.pid, "VmHWM")
        lines += [
            "",
            f"- Largest response body: **{largest / 2**20:.1f} MB**.",
            f"- Server peak RSS: {before:.0f} MB before the amplification queries, **{after:.0f} MB** after.",
            "",
        ]

        alone = search_latencies(port, args.seconds / 2, limit=500)
        stop = threading.Event()
        slow_answers: list[int] = []

        def loop_slow():
            conn = HTTPConnection("127.0.0.1", port, timeout=120)
            while not stop.is_set():
                slow_answers.append(get(port, sql_path(SLOW_SQL), conn)[0])

        clients = [threading.Thread(target=loop_slow) for _ in range(4)]
        for client in clients:
            client.start()
        time.sleep(1)  # let them occupy what they can
        loaded = search_latencies(port, args.seconds)
        stop.set()
        for client in clients:
            client.join()
        lines += [
            "| `search_quotes` | requests | median | p99 |",
            "|---|---|---|---|",
            f"| alone | {figures(alone)} |",
            f"| while 4 clients loop a slow arbitrary query | {figures(loaded)} |",
            "",
            f"- The slow queries answered {len(slow_answers)} times, statuses {sorted(set(slow_answers))} "
            "(400: stopped by the arbitrary-SQL time limit).",
        ]
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    from quotes.public import ARBITRARY_SQL_TIME_LIMIT_MS, MAX_RESULT_BYTES, MAX_VALUE_BYTES

    report = "\n".join(
        [
            f"Serving in public: `python benchmarks/serving.py`, {os.cpu_count()} cores, `quotes serve` on "
            f"{Path(args.db).name}; limits: values {MAX_VALUE_BYTES // 2**20} MB, a query's rows "
            f"{MAX_RESULT_BYTES // 2**20} MB in JSON, arbitrary SQL {ARBITRARY_SQL_TIME_LIMIT_MS} ms.",
            "",
        ]
        + lines
    )
    print(report)
    if args.out:
        Path(args.out).write_text(report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
