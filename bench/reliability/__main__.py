"""python -m bench.reliability [--seconds 60]: load, one SIGKILL of gunicorn mid-run, restart, then checks.

gunicorn with 4 workers on a fresh data folder; 8 clients ingest Reuters-21578
articles and 16 clients search words from them for --seconds, while 3 hostile
clients (hostile.py) send decompression bombs, expensive queries, deeply nested
JSON and odd unicode, and every worker's resident memory is sampled. Halfway through,
the whole process group (master and workers) gets SIGKILL; after --down seconds
gunicorn restarts on the same folder and port and the clients carry on. At the
end: every acknowledged article is in the database once, in the index once and
found by search, nothing else is stored, no 5xx (or other unexpected answer),
connection errors only while the server was down, `archive check` finds no
drift, every bomb failed with its reason and no worker ever held more than
--memory-bound-mb. Prints the figures; exits 1 when any check fails.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.reliability.checks import database_rows, dup_groups, index_ids, last_change, not_found_by_search
from bench.reliability.hostile import ACCEPTED, ADMIN, BOMB_BYTES, PASSWORD, HostileRun, hostile_client
from bench.reliability.load import TIMEOUT, Run, ingest_client, prepare, query_words, search_client
from bench.reliability.server import TOKEN, Server, health, in_step
from bench.search.corpus import reuters

# A hostile client's 503 counts only with the JSON error body (a time budget); hostile.judge checks it.
EXPECTED = {"ingest": {200, 201}, "search": {200}, "hostile": ACCEPTED | {503}}
MB = 1024 * 1024


class Report:
    def __init__(self):
        self.failed: list[str] = []

    def line(self, text: str = "") -> None:
        print(text, flush=True)

    def check(self, name: str, ok: bool, detail: str = "") -> None:
        if not ok:
            self.failed.append(name)
        print(f"  [{'ok' if ok else 'FAIL'}] {name}" + (f": {detail}" if detail else ""), flush=True)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60, help="length of the load (default 60)")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--ingest-clients", type=int, default=8)
    parser.add_argument("--search-clients", type=int, default=16)
    parser.add_argument("--down", type=float, default=1.0, help="seconds between the kill and the restart")
    parser.add_argument("--sample", type=int, default=300, help="acknowledged articles looked up by search")
    parser.add_argument("--hostile-clients", type=int, default=3)
    parser.add_argument("--memory-bound-mb", type=int, default=1024,
                        help="most resident memory any worker may reach (default 1024)")
    args = parser.parse_args()
    report = Report()

    started_load = time.monotonic()
    articles = prepare(reuters())
    words = query_words(articles)
    report.line(f"corpus: {len(articles)} Reuters-21578 articles, {len(words)} query words "
                f"(read in {time.monotonic() - started_load:.1f} s)")
    with tempfile.TemporaryDirectory(prefix="archive-reliability-") as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        server = Server(data, args.workers)
        migrated = server.flask("migrate")
        if migrated.returncode != 0:
            report.line("migrate failed:\n" + migrated.stdout + migrated.stderr)
            return 1
        server.flask("create-admin", ADMIN, "--password", PASSWORD)  # for the bomb uploads
        try:
            return run(args, report, server, articles, words)
        finally:
            server.stop()


def run(args, report: Report, server: Server, articles, words) -> int:
    data = server.data_dir
    server.start()
    if server.wait() is None:
        report.line("gunicorn did not start:\n" + server.log_text())
        return 1
    report.line(f"gunicorn: {args.workers} workers on {server.base}, data folder {data}")
    state = Run(server.base, TOKEN)
    hostile = HostileRun(state)
    report.line(f"bombs: a .warc.gz of {len(hostile.warc_bomb) / MB:.1f} MB and a gzip-encoded page of "
                f"{len(hostile.page_bomb) / MB:.1f} MB, each {BOMB_BYTES / MB:.0f} MB of zeros unpacked")
    n = args.ingest_clients
    threads = [threading.Thread(target=ingest_client, args=(state, articles[i::n]), daemon=True) for i in range(n)]
    threads += [threading.Thread(target=search_client, args=(state, words, seed), daemon=True)
                for seed in range(args.search_clients)]
    threads += [threading.Thread(target=hostile_client, args=(hostile, seed), daemon=True)
                for seed in range(args.hostile_clients)]
    memory: dict[int, int] = {}  # worker pid -> most resident memory seen
    sampler = threading.Thread(target=sample_memory, args=(server, state, memory), daemon=True)
    t0 = time.monotonic()
    for thread in [*threads, sampler]:
        thread.start()
    report.line(f"load: {n} ingest clients, {args.search_clients} search clients, "
                f"{args.hostile_clients} hostile clients, {args.seconds:.0f} s")

    # The schedule: kill halfway, stay down --down seconds, restart, watch the catch-up.
    state.stop.wait(args.seconds / 2)
    with state.lock:
        state.killed_at = time.monotonic()
        acked_before_kill = len(state.acknowledged)
    server.kill()
    seq_at_kill = last_change(data / "archive.db")
    applied_file = data / "index" / "applied_seq"
    applied_at_kill = int(applied_file.read_text() or 0) if applied_file.exists() else 0
    state.stop.wait(args.down)
    restarted = time.monotonic()
    server.start()
    up = server.wait(seconds=120, every=0.05)
    with state.lock:
        state.back_at = time.monotonic()
    answered_after = None if up is None else state.back_at - restarted
    backlog_applied, caught_up, doc = None, None, up
    # Watch /healthz until it shows the index in step (bounded by the end of the load). Times are
    # taken when the answer arrives: under load that includes the wait for a free worker.
    while doc is not None or (time.monotonic() < t0 + args.seconds and server.process.poll() is None):
        if doc and backlog_applied is None and doc["applied_seq"] >= seq_at_kill:
            backlog_applied = time.monotonic() - restarted
        if in_step(doc):
            caught_up = time.monotonic() - restarted
            break
        if time.monotonic() >= t0 + args.seconds:
            break
        state.stop.wait(0.05)
        doc = health(server.base)
    caught_up_under_load = caught_up is not None
    state.stop.wait(max(0.0, t0 + args.seconds - time.monotonic()))
    state.stop.set()
    load_seconds = time.monotonic() - t0
    # Bounded: a request in flight ends within TIMEOUT; then in-doubt articles get no more retries.
    finish_by = time.monotonic() + TIMEOUT + 30
    for thread in threads:
        thread.join(max(0.0, finish_by - time.monotonic()))
    state.give_up.set()
    for thread in threads:
        thread.join(TIMEOUT + 5)
    stuck = sum(thread.is_alive() for thread in threads)
    hostile.close()
    if caught_up is None and server.process.poll() is None and server.wait(in_step, seconds=120) is not None:
        caught_up = time.monotonic() - restarted
    final = health(server.base)

    # --- what happened
    served = sum(state.served.values())
    report.line()
    report.line(f"killed at {state.killed_at - t0:.1f} s (SIGKILL to the process group), "
                f"restarted {args.down:.1f} s later; answering /healthz {fmt(answered_after)} after the restart")
    report.line(f"at the kill: {seq_at_kill} changes committed, {applied_at_kill} applied to the index "
                f"({seq_at_kill - applied_at_kill} to catch up)")
    report.line(f"backlog from the kill applied (restart -> /healthz applied_seq >= {seq_at_kill}): "
                f"{fmt(backlog_applied)}")
    report.line(f"catch-up (restart -> /healthz index_lag 0 and indexed == articles): {fmt(caught_up)}"
                + ("" if caught_up_under_load or caught_up is None else " (only once the load had stopped)"))
    report.line(f"requests served: {served} in {load_seconds:.1f} s ({served / load_seconds:.1f}/s)")
    for kind in ("ingest", "search", "hostile"):
        statuses = {status: count for (k, status), count in sorted(state.served.items()) if k == kind}
        times = state.times[kind]
        report.line(f"  {kind:6}: {sum(statuses.values())} answered {statuses}, "
                    f"p50 {percentile(times, .5) * 1000:.0f} ms, p95 {percentile(times, .95) * 1000:.0f} ms, "
                    f"max {max(times, default=0) * 1000:.0f} ms")
    errors = {f"{kind} {status}": count for (kind, status), count in sorted(state.served.items())
              if status not in EXPECTED[kind]}
    report.line(f"errors by status: {errors or 'none'}")
    report.line(f"connection errors during the kill: {dict(state.outage_errors) or 'none'}; "
                f"at other times: {dict(state.other_errors) or 'none'}")
    report.line(f"ingest outcomes: {dict(state.outcomes)}")
    report.line(f"hostile requests sent: {hostile.sent}; bombs failed with their reason: {hostile.bombs_refused}; "
                f"odd-unicode articles acknowledged: {len(hostile.articles)} (answered as ingest)")
    report.line("hostile answers: " + ", ".join(f"{kind} {status}: {count}"
                                                for (kind, status), count in sorted(hostile.answers.items())))
    peak = max(memory.values(), default=0)
    report.line(f"worker memory (peak resident, VmHWM): {peak / MB:.0f} MB at most, over "
                f"{len(memory)} worker processes; per worker "
                + ", ".join(f"{rss / MB:.0f}" for rss in sorted(memory.values(), reverse=True)) + " MB")

    # --- the checks
    acknowledged = dict(state.acknowledged)
    acked_ids = set(acknowledged.values())
    rows, problems = database_rows(data / "archive.db")
    in_index = index_ids(data / "index")
    by_hash = {article.hash: article for article in [*articles, *hostile.articles]}
    wrong_row = [i for h, i in acknowledged.items() if rows.get(i) != h]
    twice = sorted(i for i, count in in_index.items() if count > 1)
    report.line(f"acknowledged articles: {len(acknowledged)} texts, {len(acked_ids)} distinct ids "
                f"({acked_before_kill} before the kill); stored: {len(rows)}; indexed: {len(in_index)} ids "
                f"in {sum(in_index.values())} documents; /healthz: {final}")
    report.line()
    report.line("checks:")
    report.check("articles were acknowledged before the kill and after the restart",
                 0 < acked_before_kill < len(acknowledged), f"{acked_before_kill} then {len(acknowledged)}")
    report.check("every acknowledged article is in the database with its text", not wrong_row,
                 f"{len(wrong_row)} missing or different {wrong_row[:10]}" if wrong_row else f"{len(acked_ids)} ids")
    report.check("the database holds nothing else", set(rows) == acked_ids,
                 f"unacknowledged ids {sorted(set(rows) - acked_ids)[:10]}" if set(rows) != acked_ids else "")
    report.check("nothing half-written in the database", not problems, "; ".join(problems))
    report.check("every acknowledged article is in the index exactly once",
                 all(in_index.get(i) == 1 for i in acked_ids),
                 f"missing {sorted(acked_ids - set(in_index))[:10]}, twice {twice[:10]}")
    report.check("the index holds nothing else", set(in_index) == acked_ids,
                 f"orphans {sorted(set(in_index) - acked_ids)[:10]}" if set(in_index) != acked_ids else "")
    sample = random.Random(1).sample(sorted((h, i) for h, i in acknowledged.items()),
                                     min(args.sample, len(acknowledged)))
    missing = not_found_by_search(server.base, [(by_hash[h], i) for h, i in sample], dup_groups(data / "archive.db"))
    report.check("acknowledged articles are found by search (their own words)", not missing,
                 f"{len(sample) - len(missing)}/{len(sample)} found" + (f", not found {missing[:10]}" if missing else ""))
    report.check("/healthz in step at the end", in_step(final) and final["status"] == "ok"
                 and final["articles"] == len(acked_ids), str(final))
    report.check("index caught up after the restart", caught_up is not None, fmt(caught_up))
    drift = server.flask("check")
    report.check("`flask archive check` finds no drift", drift.returncode == 0 and "no drift" in drift.stdout,
                 drift.stdout.strip().replace("\n", "; "))
    report.check("no unexpected HTTP answers (no 5xx, no 4xx)", not errors and not state.bad_answers,
                 "; ".join(state.bad_answers[:5]) or str(errors) if errors or state.bad_answers else "")
    report.check("connection errors only while the server was down", not state.other_errors,
                 "; ".join(state.error_samples))
    report.check("no article left in doubt (sent, never answered)", not state.in_doubt, str(len(state.in_doubt)))
    bombs_sent = hostile.sent["bomb upload"] + hostile.sent["bomb fetch"]
    report.check("bombs failed with their reason (any other answer is an unexpected one, below)",
                 0 < hostile.bombs_refused, f"{hostile.bombs_refused} of {bombs_sent} sent")
    report.check(f"no worker above {args.memory_bound_mb} MB resident at any sample",
                 0 < peak < args.memory_bound_mb * MB, f"peak {peak / MB:.0f} MB")
    report.check("both kinds of clients kept working after the restart",
                 state.served["ingest", 201] > 0 and state.served["search", 200] > 0 and stuck == 0,
                 f"{stuck} clients stuck" if stuck else "")
    server.stop()
    tracebacks = server.log_text().count("Traceback")
    report.check("no Traceback in the gunicorn logs", tracebacks == 0, f"{tracebacks} found" if tracebacks else "")
    report.line()
    if report.failed:
        report.line(f"FAILED: {len(report.failed)} check(s): {', '.join(report.failed)}")
        return 1
    report.line("all checks passed")
    return 0


SAMPLE_EVERY = 0.2  # seconds between looks at the workers' peak memory


def sample_memory(server: Server, state: Run, memory: dict[int, int]) -> None:
    """Until the run gives up: every worker's peak resident memory (a worker killed with the server
    keeps the peak seen at the last look, up to SAMPLE_EVERY before the kill)."""
    while not state.give_up.is_set():
        if server.process is not None and server.process.poll() is None:
            for pid, rss in server.worker_peak_rss().items():
                memory[pid] = max(memory.get(pid, 0), rss)
        state.give_up.wait(SAMPLE_EVERY)


def fmt(seconds: float | None) -> str:
    return "never" if seconds is None else f"{seconds:.2f} s"


if __name__ == "__main__":
    sys.exit(main())
