"""Measure conflictui at scale and write bench/RESULTS.md.

    python bench/run.py            # full run: 1,000,000-event store, ~10 min
    python bench/run.py --quick    # CI: small data, < 1 min; compares ratios
                                   # with bench/baseline.json, exit 1 on a
                                   # regression worse than 5x
    python bench/run.py --quick --write-baseline   # refresh the baseline

Every figure is measured beside a reference from the same run: the raw
sqlite3 read of the same rows (the floor) and, where one is installed, a
peer tool on the same data (VisiData on the exported CSV). Ratios, not
absolute times, are what CI compares: machines differ, ratios much less.
Generated data lives in bench/out/ (git-ignored) and is reused.
"""
from __future__ import annotations

import argparse
import asyncio
import csv
import datetime as dt
import json
import os
import platform
import resource
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

REGRESSION_FACTOR = 5.0  # CI fails when a ratio worsens by more than this
MIN_TIME = 0.002  # times under 2 ms count as 2 ms in ratios (timer noise)


# -- helpers ------------------------------------------------------------------
def timed(fn, reps: int = 5, setup=None) -> tuple[float, object]:
    """Best of `reps` wall times (s) of fn(), and its last result."""
    best, result = float("inf"), None
    for _ in range(reps):
        if setup:
            setup()
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


def status_mb(field: str = "VmRSS", pid: int | str = "self") -> float | None:
    """A memory line of /proc/PID/status in MB (VmRSS: resident now, VmHWM:
    the peak of this address space); None where there is no such line."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def rss_mb() -> float:
    return status_mb() or 0.0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """User + system CPU time of this process and of its children that ended."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def ratio(t: float, ref: float | None) -> float | None:
    if not ref:
        return None
    return max(t, MIN_TIME) / max(ref, MIN_TIME)


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GB"
    except OSError:
        pass

    def ver(pkg):
        try:
            from importlib.metadata import version
            return version(pkg)
        except Exception:  # noqa: BLE001
            return "not installed"

    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    # the files a run writes are no change to the code measured
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no", "--", ".",
                            ":!bench/RESULTS.md", ":!bench/baseline.json"],
                           capture_output=True, text=True).stdout.strip()
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory": mem, "os": platform.platform(),
        "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
        "textual": ver("textual"), "sqlite-utils": ver("sqlite-utils"), "visidata": ver("visidata"),
        "commit": commit + ("+local changes" if dirty else ""),
        "date": dt.datetime.now().isoformat(timespec="seconds"),
    }


class Results:
    def __init__(self):
        self.rows: list[dict] = []

    def add(self, section, name, value, unit, aim=None, ok=None, ref=None, ref_value=None, peer=None,
            peer_value=None, key=None, note=""):
        """`value`/`ref_value`/`peer_value` are seconds when unit is 'ms' or 's'."""
        row = dict(section=section, name=name, value=value, unit=unit, aim=aim, ok=ok, ref=ref,
                   ref_value=ref_value, peer=peer, peer_value=peer_value, key=key, note=note)
        if unit in ("ms", "s") and ref_value:
            row["ratio"] = value / ref_value  # as measured, for RESULTS.md
            row["ci_ratio"] = ratio(value, ref_value)  # noise-clamped, for the CI comparison
        if unit in ("ms", "s") and peer_value:
            row["peer_ratio"] = value / peer_value
        self.rows.append(row)
        shown = fmt(value, unit)
        print(f"  {name:58s} {shown:>12s}  {'' if ok is None else ('ok' if ok else 'MISSED')}"
              f"{'  ref ' + fmt(ref_value, unit) if ref_value else ''}", flush=True)
        return row

    def ratios(self) -> dict[str, float]:
        return {r["key"]: round(r["ci_ratio"], 3) for r in self.rows if r.get("key") and r.get("ci_ratio")}


def fmt(v, unit) -> str:
    if v is None:
        return "–"
    if unit == "ms":
        return f"{v * 1000:.1f} ms"
    if unit == "s":
        return f"{v:.2f} s"
    if isinstance(v, float):
        return f"{v:,.1f} {unit}"
    return f"{v:,} {unit}"


# -- data -----------------------------------------------------------------------
def ensure_articles(n: int) -> Path:
    from bench.generate import generate_articles

    path = OUT / f"articles_{n}"
    marker = path / "DONE"
    if not marker.exists():
        shutil.rmtree(path, ignore_errors=True)
        print(f"generating {n} articles into {path} ...", flush=True)
        info = generate_articles(path, n)
        marker.write_text(json.dumps(info))
    return path


def ensure_store(events: int) -> Path:
    from bench.generate import generate_store

    path = OUT / f"events_{events}.db"
    marker = Path(str(path) + ".done")
    if not (path.exists() and marker.exists()):
        print(f"generating a store of {events:,} events into {path} ...", flush=True)
        info = generate_store(path, events, log=lambda m: print(m, flush=True))
        marker.write_text(json.dumps(info))
    else:  # an old store is migrated (new indexes) before it is measured
        from store.db.query import EventStore
        EventStore(path).close()
    return path


# -- ingest -----------------------------------------------------------------------
def bench_ingest(res: Results, n_articles: int, jobs_list: list[int]) -> None:
    from store.text.articles import read_paths
    from store.db.ingest import ingest

    src = ensure_articles(n_articles)
    files = sorted(src.rglob("*.txt"))
    nbytes = sum(f.stat().st_size for f in files)
    # floor: read and parse the same files, and write their bodies with raw sqlite3
    floor_db = OUT / "ingest_floor.db"

    def floor():
        floor_db.unlink(missing_ok=True)
        arts = [a for a in read_paths([str(src)], {}) if hasattr(a, "body")]
        c = sqlite3.connect(floor_db)
        c.execute("create table articles(id integer primary key, hash text unique, path text, body text)")
        with c:
            c.executemany("insert into articles(hash, path, body) values (?,?,?)",
                          ((a.content_hash, a.path, a.body) for a in arts))
        c.close()
    t_floor, _ = timed(floor, reps=1)
    res.add("ingest", f"floor: read {n_articles} files + raw sqlite3 insert of their bodies", t_floor, "s")
    per_job = {}
    for jobs in jobs_list:
        db = OUT / f"ingest_j{jobs}.db"
        for suffix in ("", "-wal", "-shm", ".ingest.lock"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        t, cpu = time.perf_counter(), cpu_seconds()
        summary = ingest(str(db), [str(src)], jobs=jobs)
        secs, cpu = time.perf_counter() - t, cpu_seconds() - cpu
        per_job[jobs] = n_articles / secs
        res.add("ingest", f"ingest --jobs {jobs}: {n_articles} articles of {nbytes / n_articles / 1000:.1f} KB",
                secs, "s", ref="floor", ref_value=t_floor, key=f"ingest_j{jobs}",
                note=f"{summary.articles} stored, {summary.reports} reports")
        aim = 500 * jobs
        res.add("ingest", f"  throughput --jobs {jobs} (aim {aim} articles/s)", round(n_articles / secs, 1),
                "articles/s", aim=f">= {aim}", ok=n_articles / secs >= aim)
        res.add("ingest", f"  throughput --jobs {jobs}", round(nbytes / secs / 1e6, 2), "MB/s")
        # on a shared machine the wall time counts the others' load; CPU time much less
        res.add("ingest", f"  per core of CPU time --jobs {jobs} (this process and its workers: {cpu:.2f} s)",
                round(n_articles / cpu, 1), "articles/s")
    if 1 in per_job and 2 in per_job:
        res.add("ingest", "scaling --jobs 2 / --jobs 1 (aim near 2)", round(per_job[2] / per_job[1], 2), "x",
                aim=">= 1.7", ok=per_job[2] / per_job[1] >= 1.7)


def bench_ingest_stages(res: Results, n_articles: int) -> None:
    """Where the time of `ingest --jobs 1` goes, stage by stage on one core,
    each stage timed over the whole corpus with its input made beforehand:
    read (read and parse the files), normalise (split sentences, the Arabic
    check, normalise and tokenise), match (actors, places and cues in the
    tokens), analyse (the rule passes: mentions, clauses, times, events,
    positions) and write (the store's writer, in its batches, with the
    facet refresh). CPU time of this process, so other load on the machine
    counts less than in the wall times above."""
    from store.db.ingest import WRITE_BATCH, StoreWriter, refresh_facets, sync_dictionaries
    from store.db.schema import connect, ensure_schema
    from store.nlp.dates import parse_date
    from store.nlp.dictionaries import default_dictionaries
    from store.nlp.extract import Extractor
    from store.text.arabic import is_mostly_arabic, split_sentences
    from store.text.articles import read_paths

    src = ensure_articles(n_articles)
    dicts = default_dictionaries()
    x = Extractor(dicts)
    split: dict[str, tuple[float, float]] = {}  # stage -> (CPU, wall) seconds

    def stage(name, fn):
        c, t = time.process_time(), time.perf_counter()
        out = fn()
        split[name] = (time.process_time() - c, time.perf_counter() - t)
        return out
    arts = stage("read", lambda: [a for a in read_paths([str(src)], {}) if hasattr(a, "body")])

    def normalise():
        out = []
        for a in arts:
            spans = split_sentences(a.body)
            if is_mostly_arabic(a.body):
                out.append((a, spans, x.tokenized(a.body, spans)))
        return out
    prepared = stage("normalise", normalise)
    matched = stage("match", lambda: [x.matched(tok) for _, _, tok in prepared])
    done = stage("analyse", lambda: [(a, x.analysed(a.body, parse_date(a.published), spans, tok, hits))
                                     for (a, spans, tok), hits in zip(prepared, matched)])
    db_path = OUT / "ingest_stages.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    db = connect(str(db_path))
    ensure_schema(db)
    sync_dictionaries(db, dicts)
    writer = StoreWriter(db)

    def write():
        for k in range(0, len(done), WRITE_BATCH):
            writer.write_many(done[k : k + WRITE_BATCH])
        refresh_facets(db)
    stage("write", write)
    db.conn.close()
    total = sum(cpu for cpu, _ in split.values())
    res.add("ingest", f"stages of ingest --jobs 1 over {n_articles} articles, CPU time (sum)", total, "s",
            note=f"{n_articles / total:.1f} articles/s per core; wall {sum(w for _, w in split.values()):.2f} s")
    for name, (cpu, wall) in split.items():
        res.add("ingest", f"  {name}: {100 * cpu / total:.0f}% of the CPU time, {n_articles / cpu:,.0f} "
                f"articles/s alone", cpu, "s", note=f"wall {wall:.2f} s")


def bench_cluster(res: Results, n_articles: int, workers_list: list[int]) -> None:
    """`extract --scheduler local:N` over the ingest corpus (the cluster's
    start-up is not counted), beside `ingest --jobs N` above."""
    try:
        from store.db.cluster import open_client, plan_parts, run_parts, user_dictionary_texts
        from store.nlp.dictionaries import Dictionaries
    except ImportError:
        return
    src = ensure_articles(n_articles)
    d = Dictionaries(include_user=False)
    job = {"defaults": {}, "fingerprint": d.fingerprint, "dict_texts": user_dictionary_texts(None, d.FILES)}
    for n in workers_list:
        out = OUT / f"cluster_w{n}"
        shutil.rmtree(out, ignore_errors=True)
        try:
            client = open_client(f"local:{n}")
        except Exception as exc:  # the optional extra is missing or cannot start here
            print(f"cluster bench skipped: {exc}", flush=True)
            return
        with client:
            parts, _ = plan_parts([str(src)], part_files=25)
            t = time.perf_counter()
            summary = run_parts(client, parts, out, job)
            secs = time.perf_counter() - t
        res.add("ingest", f"extract --scheduler local:{n}: {summary.articles} articles in {len(parts)} parts",
                secs, "s", key=f"cluster_w{n}")
        res.add("ingest", f"  throughput LocalCluster of {n} (beside --jobs {n})", round(n_articles / secs, 1),
                "articles/s")


# -- many reports of one event ------------------------------------------------------
ONE_EVENT = ("---\ntitle: غارة {i}\npublished: 2017-03-0{day}\nsource: outlet{src}\n---\n"
             "قصفت طائرات حربية روسية مدينة الرقة يوم الاثنين وقتل {dead} مدنيا. وقال المصدر رقم {i} إن القصف استمر.\n")


def ensure_one_event_articles(n: int) -> Path:
    """`n` articles that all tell one act (a news cycle: every outlet retells it)."""
    path = OUT / f"one_event_{n}"
    if not (path / "DONE").exists():
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        for i in range(n):
            (path / f"a{i:05d}.txt").write_text(ONE_EVENT.format(i=i, day=1 + i % 3, src=i % 50, dead=i % 20 + 1),
                                              encoding="utf-8")
        (path / "DONE").write_text(str(n))
    return path


def bench_merge(res: Results, small: int) -> None:
    """Merging a report into its event must cost the same at the 4,000th
    report as at the first: ingesting 4x the articles of one event takes
    near 4x the time (it took 9x, and 30k articles never finished, when
    each merge recounted every report of the event)."""
    from store.db.ingest import ingest

    times = {}
    for n in (small, 4 * small):
        src = ensure_one_event_articles(n)
        db = OUT / f"one_event_{n}.db"
        for suffix in ("", "-wal", "-shm", ".ingest.lock"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        t = time.perf_counter()
        summary = ingest(str(db), [str(src)])
        times[n] = time.perf_counter() - t
        res.add("ingest", f"ingest {n} articles telling one event", times[n], "s",
                note=f"{summary.reports} reports, {summary.events_new} events")
    growth = times[4 * small] / times[small]
    res.add("ingest", f"  merge cost {4 * small} / {small} articles of one event (aim near 4: linear)",
            round(growth, 2), "x", aim="<= 5", ok=growth <= 5)


# -- re-extraction of the bench store -------------------------------------------------
REEXTRACT_REFERENCE = 2000  # articles extracted alone, in this process: the reference rate


def copy_store(src: Path, dst: Path) -> Path:
    """A consistent copy of a store (SQLite's backup: the WAL's pages too)."""
    for suffix in ("", "-wal", "-shm", ".ingest.lock"):
        Path(str(dst) + suffix).unlink(missing_ok=True)
    a, b = sqlite3.connect(f"file:{src}?mode=ro", uri=True), sqlite3.connect(dst)
    with b:
        a.backup(b)
    a.close()
    b.close()
    return dst


def store_counts(db: Path) -> dict:
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    out = {t: c.execute(f"select count(*) from {t}").fetchone()[0]
           for t in ("articles", "reports", "events", "corrections")}
    out["reviews"] = dict(c.execute("select review, count(*) from events where review is not null group by 1"))
    out["max_article"] = c.execute("select coalesce(max(id), 0) from articles").fetchone()[0]
    c.close()
    return out


def plant_corrections(db: Path, n_articles: int = 20) -> dict:
    """Corrections of every kind on a copy of the bench store, as an analyst
    makes them: `n_articles` articles are re-extracted first (the bench
    store's own reports are synthetic), and on their events 4 are
    confirmed, 4 rejected, 4 edited and 1 added; 3 of the synthetic reports
    are confirmed too, whose reports a re-extraction cannot give again (so
    they must come back as listed orphans, kept). {review: events}."""
    from store.db.query import EventStore
    from store.db.reextract import reextract

    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    first = [str(r[0]) for r in c.execute("select id from articles order by id limit ?", [n_articles])]
    c.close()
    reextract(str(db), tuple(first), jobs=1)
    store = EventStore(db)
    # events whose report alone has its key: a cue that tells two acts (two places, two forces) gives two
    # reports of one key, and a correction then reaches both (listed in the README as a known limit)
    real = [r[0] for r in store.execute(
        "select e.id from events e join reports r on r.id = e.first_report_id where r.rule <> 'synthetic'"
        " and e.n_reports = 1 and (select count(*) from reports o where o.sentence_id = r.sentence_id"
        " and o.rule = r.rule and json_extract(o.spans, '$.trigger') = json_extract(r.spans, '$.trigger')) = 1"
        " order by e.id limit 12")]
    fake = [r[0] for r in store.execute("select e.id from events e join reports r on r.id = e.first_report_id"
                                        " where r.rule = 'synthetic' order by e.id limit 3")]
    if len(real) < 12:
        raise SystemExit(f"bench: the first {n_articles} articles of {db} gave {len(real)} events, not 12")
    for eid in real[:4] + fake:
        store.confirm(eid, by="bench")
    for eid in real[4:8]:
        store.reject(eid, by="bench")
    for eid in real[8:12]:
        store.edit(eid, {"fatalities": 7}, by="bench")
    article, idx = store.sentence_of_event(real[0])
    store.add(article, idx, {"event_type": "armed_clash"}, by="bench", trigger=(0, 1))
    store.close()
    counts = store_counts(db)
    # what the reviews must be after: the synthetic reports' confirmations are orphans then
    counts["reviews_after"] = {"added": 1, "confirmed": 4, "corrected": 4, "rejected": 4}
    return counts


def tree_rss_mb(pid: int, field: str = "VmRSS") -> float:
    """Resident memory of a process and its children (the extraction
    workers); field RssAnon leaves out the store's pages that SQLite maps
    (mmap_size, up to 256 MB a connection), which are the file, not growth."""
    total = status_mb(field, pid) or 0.0
    return total + sum(tree_rss_mb(k, field) for k in children(pid))


def children(pid: int) -> list[int]:
    """The child processes of `pid`, whichever of its threads started them."""
    kids = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            kids += [int(k) for k in task.read_text().split()]
        except OSError:
            pass
    return kids


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a live process and its children (/proc)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") + sum(map(tree_cpu_seconds, children(pid)))


def run_reextract(db: Path, jobs: int, total: int, minutes: float | None = None, log_every: float = 60.0) -> dict:
    """`conflictui reextract --jobs N` on `db` in a child process, watched
    from outside: a read-only connection counts the articles written again
    (each gets a new id, so a reader sees them land one transaction at a
    time), the process tree's memory, CPU time and the WAL's size are
    sampled. After `minutes` it is stopped (SIGTERM) and what landed is
    measured: the run in progress rolls back its batch and stops."""
    first_new = store_counts(db)["max_article"]
    cmd = [sys.executable, "-m", "tui.cli", "--db", str(db), "reextract", "--jobs", str(jobs), "--quiet"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watch = {"rss": [], "anon": [], "wal": 0, "seen": [], "cpu_seen": (0.0, 0), "stopped": False}
    stop = threading.Event()

    def sample():
        ro = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
        last_log = 0.0
        while not stop.wait(0.5 if total < 10_000 else 2.0):
            rss, anon, cpu = tree_rss_mb(proc.pid), tree_rss_mb(proc.pid, "RssAnon"), tree_cpu_seconds(proc.pid)
            wal = Path(str(db) + "-wal")
            watch["wal"] = max(watch["wal"], wal.stat().st_size if wal.exists() else 0)
            try:
                done = ro.execute("select coalesce(max(id), 0) from articles").fetchone()[0] - first_new
            except sqlite3.OperationalError:
                continue
            now = time.perf_counter() - t0
            if done > 0:  # memory from the first article written (start-up is not growth)
                watch["rss"].append(rss)
                watch["anon"].append(anon)
            watch["seen"].append((now, max(done, 0)))
            if cpu and not watch["stopped"]:  # once stopped, the workers go first
                watch["cpu_seen"] = (cpu, max(done, 0))
            if now - last_log >= log_every:
                last_log = now
                print(f"    reextract --jobs {jobs}: {max(done, 0):,}/{total:,} articles in {now:.0f} s,"
                      f" {rss:.0f} MB ({anon:.0f} MB heap)", flush=True)
        ro.close()
    th = threading.Thread(target=sample, daemon=True)
    th.start()
    while True:
        try:
            out, err = proc.communicate(timeout=5)
            break
        except subprocess.TimeoutExpired:
            if minutes and not watch["stopped"] and time.perf_counter() - t0 > minutes * 60:
                proc.send_signal(signal.SIGTERM)  # a background job ignores SIGINT
                watch["stopped"] = True
    secs = time.perf_counter() - t0
    stop.set()
    th.join()
    if proc.returncode != 0 and not watch["stopped"]:
        raise SystemExit(f"bench: {' '.join(cmd)} failed ({proc.returncode}): {err.strip()[-300:]}")
    # a line per orphan under the summary line: they are listed, as the issue asks
    lines = out.strip().splitlines()
    watch.update(secs=secs, summary=lines[0] if lines else "", listed=[x for x in lines[1:] if "report gone" in x])
    return watch


def extraction_rate(db: Path, n: int) -> float:
    """Articles/s of the extractor alone (this process, one core) on the
    store's first `n` article bodies: what re-extraction cannot beat."""
    from store.db.reextract import _stored_articles
    from store.nlp.dictionaries import default_dictionaries
    from store.nlp.extract import Extractor

    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    ids = [r[0] for r in c.execute("select id from articles order by id limit ?", [n])]
    articles = list(_stored_articles(c, ids))
    c.close()
    x = Extractor(default_dictionaries())
    t = time.process_time()
    for a in articles:
        x.extract(a)
    return len(articles) / (time.process_time() - t)


def consistent(db: Path) -> int:
    """Articles whose stored report count is not their reports', plus
    sentences missing from the search index: 0 when every article is whole."""
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    bad = c.execute("select count(*) from articles a where n_reports != (select count(*) from reports r"
                    " where r.article_id = a.id)").fetchone()[0]
    bad += abs(c.execute("select count(*) from sentences").fetchone()[0]
               - c.execute("select count(*) from sentences_fts").fetchone()[0])
    c.close()
    return bad


def orphan_count(db: Path) -> int:
    from store.db.query import EventStore

    store = EventStore(db)
    try:
        return len(store.orphan_corrections())
    finally:
        store.close()


def _reviews(counts: dict) -> str:
    return ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))


def bench_reextract(res: Results, events: int, jobs_list: list[int], minutes: float | None = None) -> None:
    """`conflictui reextract --jobs N` over every article of a copy of the
    bench store of `events` events, with corrections of every kind planted
    first: its throughput beside the extractor's own, the counts before and
    after, the corrections kept and applied again, and that the run lands
    article by article (seen from a reader) in bounded memory."""
    from store.db.reextract import REEXTRACT_BATCH

    sec = f"re-extraction of the {events:,}-event store"
    src = ensure_store(events)
    per_core = extraction_rate(src, REEXTRACT_REFERENCE)
    res.add(sec, f"extraction alone, this process, first {REEXTRACT_REFERENCE} articles (CPU time)",
            round(per_core, 1), "articles/s")
    for jobs in jobs_list:
        db = copy_store(src, OUT / f"reextract_j{jobs}.db")
        before = plant_corrections(db)
        w = run_reextract(db, jobs, before["articles"], minutes)
        after = store_counts(db)
        done = w["seen"][-1][1] if w["stopped"] and w["seen"] else before["articles"]
        rate = done / (w["seen"][-1][0] if w["stopped"] and w["seen"] else w["secs"])
        if w["stopped"]:
            res.add(sec, f"reextract --jobs {jobs}, stopped (SIGTERM) after {minutes:g} min: articles re-extracted"
                    f" of {before['articles']:,}", done, "articles")
            whole = consistent(db)
            res.add(sec, "  after the stop: articles whose reports are not all theirs, or a sentence not in the"
                    f" search index ({after['articles']:,} articles, as before)", whole, "problems", aim="0",
                    ok=whole == 0 and after["articles"] == before["articles"])
        else:
            res.add(sec, f"reextract --jobs {jobs}: {before['articles']:,} articles", w["secs"], "s",
                    ref="extraction alone of as many articles, one core", ref_value=before["articles"] / per_core,
                    key=f"reextract_j{jobs}", note=w["summary"])
        res.add(sec, f"  throughput --jobs {jobs} (extraction alone: {per_core:.0f} per core)", round(rate, 1),
                "articles/s")
        res.add(sec, f"  reports {before['reports']:,} → {after['reports']:,}, events {before['events']:,} →"
                f" {after['events']:,}, articles {before['articles']:,} → {after['articles']:,}",
                after["events"], "events")
        kept = after["corrections"] == before["corrections"] and after["reviews"] == before["reviews_after"]
        listed = len(w["listed"]) if not w["stopped"] else orphan_count(db)  # stopped: no summary printed
        res.add(sec, f"  corrections kept {after['corrections']} of {before['corrections']}; events reviewed before"
                f" {_reviews(before['reviews'])}, after {_reviews(after['reviews'])}; orphans"
                f" {'in the store' if w['stopped'] else 'listed'}", listed, "corrections",
                aim="all kept, the 13 on re-extracted reports applied again, the 3 on synthetic ones listed",
                ok=kept and listed == 3)
        seen = [d for _, d in w["seen"]]
        # a reader saw it land batch by batch; a run of one batch lands at once, and proves nothing
        steady = len(set(seen)) > 2 if before["articles"] > REEXTRACT_BATCH else None
        res.add(sec, f"  articles seen landing by a reader during the run ({len(set(seen))} distinct counts"
                f" in {len(seen)} samples)", seen[-1] if seen else 0, "articles", aim="grows during the run",
                ok=steady)
        cpu, cpu_done = w["cpu_seen"]
        if cpu_done:
            res.add(sec, f"  CPU time of its processes per article (start-up included: {cpu:.0f} s for"
                    f" {cpu_done:,} articles)", cpu / cpu_done, "ms",
                    note=f"{cpu_done / cpu:.0f} articles/s per core of CPU time")
        rss, anon = w["rss"] or [0.0], w["anon"] or [0.0]
        res.add(sec, f"  resident memory of its processes: {rss[0]:.0f} MB at the first article written, at most"
                " (with the store's pages SQLite maps)", round(max(rss), 1), "MB")
        res.add(sec, f"  their heap (RssAnon): {anon[0]:.0f} MB at the first article written, at most",
                round(max(anon), 1), "MB", aim="flat (< 50 MB growth)", ok=max(anon) - anon[0] < 50)
        res.add(sec, "  largest WAL file during the run", round(w["wal"] / 1e6, 1), "MB")
        for suffix in ("", "-wal", "-shm", ".ingest.lock"):
            Path(str(db) + suffix).unlink(missing_ok=True)


# -- queries on the big store -------------------------------------------------------
def pick_filter(store):
    from store.db.query import EventFilter

    E = EventFilter()
    actor = store.actor_facets(E)[0]
    gov = next(p for p in store.place_facets(E) if p.kind == "governorate")
    return actor, gov, EventFilter(actors=(actor.name_ar,), towns=(gov.name_ar,))


def bench_queries(res: Results, db: Path, events: int) -> dict:
    import itertools

    from store.db.query import EventFilter, EventStore

    store = EventStore(db)
    E = EventFilter()
    actor, gov, F = pick_filter(store)
    A = EventFilter(actors=(actor.name_ar,))
    T = EventFilter(towns=(gov.name_ar,))
    label = f"--actor {actor.name_ar} ({actor.id}) --town {gov.name_ar} ({gov.id})"
    print(f"  filter: {label}", flush=True)
    raw = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    raw.execute("pragma cache_size = -64000")
    raw.execute("pragma mmap_size = 268435456")
    cold = store.invalidate  # every repetition recomputes (no in-memory cache)
    sec = f"queries on {events:,} events"
    info = {"filter": label, "count": store.count(F), "count_actor": store.count(A), "count_town": store.count(T)}

    def floor_for(flt):
        ids = store.ids(flt)
        raw.execute("create temp table if not exists ids(id integer primary key)")
        raw.execute("delete from ids")
        raw.executemany("insert into ids values (?)", ((i,) for i in ids))
        raw.commit()
        return ids

    # first page, as `events` (count + first 50 records) and as the app (page of 100)
    ids = floor_for(F)
    page_ids = ids[:100]
    marks = ",".join("?" * len(page_ids))
    t_pfloor, _ = timed(lambda: raw.execute(f"select * from events where id in ({marks})", page_ids).fetchall())
    t, _ = timed(lambda: store.page_after(F, None, 100), setup=cold)
    res.add(sec, f"first page (100 rows, keyset) of events {label}", t, "ms", aim="<= 50 ms", ok=t <= 0.05,
            ref="raw sqlite3 read of the same 100 rows", ref_value=t_pfloor, key="page_first")
    t, _ = timed(lambda: store.page(F, 0, 100), setup=cold)
    res.add(sec, "  same, offset paging (the app's table)", t, "ms", aim="<= 50 ms", ok=t <= 0.05,
            ref="raw read", ref_value=t_pfloor, key="page_rows_first")

    def cli_first():
        store.count(F)
        return list(itertools.islice(store.iter_records(F), 50))
    t, _ = timed(cli_first, setup=cold)
    res.add(sec, "  same as `conflictui events` does it (count + 50 records)", t, "ms", aim="<= 50 ms",
            ok=t <= 0.05, ref="raw read", ref_value=t_pfloor, key="events_cli_first")
    # full count
    t_cfloor, _ = timed(lambda: raw.execute("select count(*) from events where id in (select id from temp.ids)")
                        .fetchone())
    t, n = timed(lambda: store.count(F), setup=cold)
    res.add(sec, f"full count of the same filter ({n:,} events)", t, "ms", aim="<= 200 ms", ok=t <= 0.2,
            ref="raw sqlite3 read of the same rows", ref_value=t_cfloor, key="count_F")
    ids_a = floor_for(A)
    t_cfloor_a, _ = timed(lambda: raw.execute("select count(*) from events where id in (select id from temp.ids)")
                          .fetchone())
    t, n = timed(lambda: store.count(A), setup=cold)
    res.add(sec, f"full count, actor only ({n:,} events)", t, "ms", aim="<= 200 ms", ok=t <= 0.2,
            ref="raw read", ref_value=t_cfloor_a, key="count_A")
    t_all_floor, _ = timed(lambda: raw.execute("select count(*) from events").fetchone())
    # facets: no filter (the panes on opening), under the actor+town filter, actor only, town only
    t_floor_af, _ = timed(lambda: (raw.execute("select actor1_id, count(*) from events group by 1").fetchall(),
                                   raw.execute("select actor2_id, count(*) from events group by 1").fetchall()))
    t_floor_pf, _ = timed(lambda: raw.execute("select place_id, count(*) from events group by 1").fetchall(), reps=3)
    t, _ = timed(lambda: store.actor_facets(E), setup=cold)
    res.add(sec, "actors pane facet counts, no filter", t, "ms", aim="<= 200 ms", ok=t <= 0.2,
            ref="raw sqlite3 group-by over all rows", ref_value=t_floor_af, key="actor_facets_all")
    t, _ = timed(lambda: store.place_facets(E), setup=cold)
    res.add(sec, "places pane facet counts (with ancestors), no filter", t, "ms", aim="<= 200 ms", ok=t <= 0.2,
            ref="raw group-by", ref_value=t_floor_pf, key="place_facets_all")
    for name, flt, key in (("actor+town filter", F, "F"), ("actor only", A, "A"), ("town only", T, "T")):
        floor_for(flt)
        t_fa, _ = timed(lambda: raw.execute("select actor1_id, actor2_id, count(*) from events"
                                            " where id in (select id from temp.ids) group by 1, 2").fetchall(), reps=3)
        t_fp, _ = timed(lambda: raw.execute("select place_id, count(*) from events"
                                            " where id in (select id from temp.ids) group by 1").fetchall(), reps=3)
        t, _ = timed(lambda: store.actor_facets(flt), setup=cold, reps=3)
        res.add(sec, f"actors pane facet counts, {name}", t, "ms", aim="<= 200 ms", ok=t <= 0.2,
                ref="raw read of the same rows", ref_value=t_fa, key=f"actor_facets_{key}")
        t, _ = timed(lambda: store.place_facets(flt), setup=cold, reps=3)
        res.add(sec, f"places pane facet counts, {name}", t, "ms", aim="<= 200 ms", ok=t <= 0.2,
                ref="raw read of the same rows", ref_value=t_fp, key=f"place_facets_{key}")
    t, _ = timed(lambda: store.timeline(F, "month"), setup=cold, reps=3)
    res.add(sec, "timeline by month, actor+town filter", t, "ms", ref="raw count", ref_value=t_cfloor,
            key="timeline_F")
    t, _ = timed(lambda: store.page(E, events // 2, 100), setup=cold, reps=3)
    res.add(sec, "a page in the middle of all events (offset paging)", t, "ms", aim="<= 50 ms", ok=t <= 0.05,
            ref="raw count(*)", ref_value=t_all_floor, key="page_middle_all")
    # the table sorted by a column (a click on its title): SQLite sorts every
    # event under the filter, offset paging
    t, _ = timed(lambda: store.page(E, 0, 100, ("actor1", False)), setup=cold, reps=3)
    res.add(sec, "first page of all events sorted by actor 1 (names)", t, "ms", aim="<= 2000 ms", ok=t <= 2.0,
            ref="raw count(*)", ref_value=t_all_floor, key="page_sorted_actor")
    t, _ = timed(lambda: store.page(E, events // 2, 100, ("type", False)), setup=cold, reps=3)
    res.add(sec, "a page in the middle of all events sorted by type", t, "ms", aim="<= 2000 ms", ok=t <= 2.0,
            ref="raw count(*)", ref_value=t_all_floor, key="page_sorted_type_middle")
    t, _ = timed(lambda: store.page(F, 0, 100, ("reports", True)), setup=cold, reps=3)
    res.add(sec, f"first page of events {label} sorted by reports", t, "ms", aim="<= 200 ms", ok=t <= 0.2,
            ref="raw count", ref_value=t_cfloor, key="page_sorted_F")
    raw.close()
    store.close()
    info["F"] = F
    return info


# -- the app (in a child process: its memory is its own) ---------------------------
APP_CHILD = r'''
import asyncio, json, sys, time
sys.path.insert(0, sys.argv[1])
from bench.run import rss_mb, peak_rss_mb, status_mb
from tui.app import ConflictApp
from tui.widgets.events_table import EventsTable
from textual.widgets import Input
db, actor, town = sys.argv[2], sys.argv[3], sys.argv[4]

def own_peak_mb():
    """This process's peak resident memory: VmHWM, the high-water mark of
    its own address space. Not getrusage's ru_maxrss: exec keeps the peak
    of the address space it replaces, and this child is started from the
    bench's (vfork), so ru_maxrss would be the bench's peak (about 350 MB
    after the query benchmarks), whatever the app uses."""
    return status_mb("VmHWM") or peak_rss_mb()  # no /proc: an upper bound

# What "painted" means here. Pilot's own waits (press() and pause() sleep
# until the process has been idle for a 20 ms window) are not the app's
# latency, so the clock does not stop when Pilot returns. It stops at the end
# of the first screen update (the compositor's render, plus encoding it as
# the escape sequences a real terminal would be sent) after which every
# visible line of the events table was drawn, after the clock started, with
# a loaded row of the new filter at the expected position: the table and the
# count line are on screen. The facet panes, map, timeline and detail pane
# may finish later; "every pane caught up" is measured separately, to the end
# of the first screen update after which no query is running or waiting and
# the detail pane shows the cursor's event (or, when the last result needed
# no screen update within 50 ms, the end of the last update before it).
drawn = {}  # y -> (seq, index, loaded, generation) of the table line drawn last
seq = [0]
_render_line = EventsTable.render_line
def render_line(self, y):
    strip = _render_line(self, y)
    index = self.scroll_offset.y + y
    page = self._pages.get(index // self.PAGE_SIZE)
    loaded = page is not None and index - (index // self.PAGE_SIZE) * self.PAGE_SIZE < len(page)
    seq[0] += 1
    drawn[y] = (seq[0], index, loaded, self._generation)
    return strip
EventsTable.render_line = render_line

class Clock:
    def __init__(self, app):
        self.app = app
        self.since = 0
        self.t0 = 0.0
        self.ready = None
        self.painted = None
        self.settled = None
        self.last_paint = 0.0
        orig = app._display
        def display(screen, renderable):
            orig(screen, renderable)
            if renderable is None:
                return
            try:
                renderable.render_segments(app.console)  # what a terminal would be sent
            except Exception:
                pass
            now = self.last_paint = time.perf_counter()
            if self.ready is None:
                return
            if self.painted is None and self.table_painted():
                self.painted = now - self.t0
            if self.painted is not None and self.settled is None and self.all_settled():
                self.settled = now - self.t0
        app._display = display

    def start(self, ready):
        self.since = seq[0]
        self.ready = ready
        self.painted = self.settled = None
        self.t0 = time.perf_counter()

    def table_painted(self):
        try:
            table = self.app.query_one(EventsTable)
        except Exception:
            return False
        if not self.ready(table):
            return False
        top = table.scroll_offset.y
        height = table.scrollable_content_region.height or table.size.height
        if not height:
            return False
        for y in range(min(height, max(0, table.count - top))):
            d = drawn.get(y)
            if d is None or d[0] <= self.since or d[1] != top + y or not d[2] or d[3] != table._generation:
                return False
        return True

    def all_settled(self):
        app = self.app
        table = app.query_one(EventsTable)
        if app._pending or app._debounce is not None or table.busy:
            return False
        page = table._pages.get(table.cursor // table.PAGE_SIZE)
        k = table.cursor % table.PAGE_SIZE
        if table.count and (page is None or k >= len(page) or page[k].id != app._detail_id):
            return False
        return True

async def idle(app, pilot, timeout=60):
    t = time.monotonic() + timeout
    while time.monotonic() < t:
        if app.is_idle():
            await pilot.pause()
            if app.is_idle():
                return
        await pilot.pause(0.002)
    raise SystemExit("app never settled")

async def until(clock, pilot, timeout=60):
    t = time.monotonic() + timeout
    quiet = None  # (time the app was first seen with no work left, last paint then)
    while clock.settled is None and time.monotonic() < t:
        if quiet is None and clock.painted is not None and clock.all_settled():
            quiet = (time.perf_counter(), clock.last_paint)
        if quiet is not None and time.perf_counter() - quiet[0] > 0.05:
            clock.settled = quiet[1] - clock.t0  # no screen update was due
            break
        await pilot.pause(0.002)
    await idle(clock.app, pilot)
    if clock.painted is None:
        raise SystemExit("no paint seen")

async def main():
    out = {}
    t0 = time.perf_counter()
    app = ConflictApp(db, shaping=True, ingest_samples=False)
    clock = Clock(app)
    clock.start(lambda table: table.count > 0)
    clock.t0 = t0
    async with app.run_test(size=(160, 48)) as pilot:
        table = app.query_one(EventsTable)
        await until(clock, pilot)
        out["first_paint"], out["settled"] = clock.painted, clock.settled
        out["count_all"] = table.count
        # a filter change: type the names, apply at once (no typing debounce)
        app.query_one("#filter-actor", Input).value = actor
        app.query_one("#filter-town", Input).value = town
        gen = table._generation
        clock.start(lambda table: table._generation > gen and table.filter == app._requested)
        app.apply_filter()
        await until(clock, pilot)
        out["filter"], out["filter_settled"] = clock.painted, clock.settled
        out["count_filtered"] = table.count
        app.query_one("#filter-actor", Input).value = ""
        app.query_one("#filter-town", Input).value = ""
        gen = table._generation
        clock.start(lambda table: table._generation > gen and table.filter == app._requested)
        app.apply_filter()
        await until(clock, pilot)
        out["filter_clear"], out["filter_clear_settled"] = clock.painted, clock.settled
        table.focus()
        await idle(app, pilot)
        scrolls, settles = [], []
        for _ in range(8):
            target = min(table.count - 1, table.cursor + max(1, table.size.height - 1))
            clock.start(lambda table, target=target: table.cursor == target)
            await pilot.press("pagedown")
            await until(clock, pilot)
            scrolls.append(clock.painted)
            settles.append(clock.settled)
        out["scroll"] = sorted(scrolls)[len(scrolls) // 2]
        out["scroll_max"] = max(scrolls)
        out["scroll_settled"] = sorted(settles)[len(settles) // 2]
        clock.start(lambda table: table.cursor == table.count - 1)
        await pilot.press("end")
        await until(clock, pilot)
        out["jump_end"], out["jump_end_settled"] = clock.painted, clock.settled
        out["rss_mb"] = rss_mb()
        out["peak_rss_mb"] = own_peak_mb()
    print(json.dumps(out))

asyncio.run(main())
'''


def bench_app(res: Results, db: Path, info: dict) -> None:
    sec = "the app"
    try:
        import tui.app  # noqa: F401
    except Exception as exc:  # noqa: BLE001
        for name in ("first paint", "filter change repainted", "page scroll", "resident memory"):
            res.add(sec, name, None, "ms", note=f"not measured: tui.app does not import ({exc})")
        return
    F = info["F"]
    proc = subprocess.run([sys.executable, "-c", APP_CHILD, str(ROOT), str(db), F.actors[0], F.towns[0]],
                          capture_output=True, text=True, timeout=600)
    try:
        out = json.loads(proc.stdout.strip().splitlines()[-1])
    except Exception:  # noqa: BLE001
        msg = (proc.stderr.strip().splitlines() or ["no output"])[-1][:200]
        for name in ("first paint", "filter change repainted", "page scroll", "resident memory"):
            res.add(sec, name, None, "ms", note=f"not measured: the app run failed ({msg})")
        return
    # references: the raw reads behind each screen
    raw = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    t_first_ref, _ = timed(lambda: raw.execute("select * from events order by date desc, id desc limit 100")
                           .fetchall())
    t_page_ref, _ = timed(lambda: raw.execute("select * from events order by date desc, id desc limit 100"
                                              " offset 800").fetchall())
    raw.close()
    res.add(sec, f"first paint (open the store, count {out['count_all']:,}, draw the first rows)",
            out["first_paint"], "s", aim="<= 1 s", ok=out["first_paint"] <= 1.0,
            ref="raw sqlite3 read of the first 100 rows", ref_value=t_first_ref, key="app_first_paint")
    res.add(sec, "  every pane caught up (facets, map, timeline, detail)", out["settled"], "s")
    res.add(sec, f"filter change repainted: table and count ({out['count_filtered']:,} events; debounce excluded)",
            out["filter"], "ms", aim="<= 150 ms", ok=out["filter"] <= 0.15, ref="raw read of the first 100 rows",
            ref_value=t_first_ref, key="app_filter")
    res.add(sec, "  every pane caught up (facet panes, map, timeline, detail)", out["filter_settled"], "ms")
    res.add(sec, "  filter cleared, table and count repainted", out["filter_clear"], "ms", aim="<= 150 ms",
            ok=out["filter_clear"] <= 0.15, key=None)
    res.add(sec, "  filter cleared, every pane caught up", out["filter_clear_settled"], "ms")
    res.add(sec, "page scroll repainted (pagedown, median of 8)", out["scroll"], "ms", aim="<= 50 ms",
            ok=out["scroll"] <= 0.05, ref="raw read of the next 100 rows", ref_value=t_page_ref, key="app_scroll")
    res.add(sec, "  slowest of the 8 page scrolls", out["scroll_max"], "ms")
    res.add(sec, "  detail pane caught up after a page scroll (median)", out["scroll_settled"], "ms")
    res.add(sec, "  jump to the last event (end), repainted", out["jump_end"], "ms")
    res.add(sec, "resident memory after all of the above", round(out["rss_mb"], 1), "MB", aim="<= 300 MB",
            ok=out["rss_mb"] <= 300)
    res.add(sec, "  peak resident memory", round(out["peak_rss_mb"], 1), "MB", aim="<= 300 MB",
            ok=out["peak_rss_mb"] <= 300)


# -- export (child process: flat memory is measured on its own) ---------------------
EXPORT_CHILD = r'''
import json, os, sys, threading, time
sys.path.insert(0, sys.argv[1])
from bench.run import rss_mb, status_mb
from store.db.query import EventFilter, EventStore
from store.report.export import export_events
db, path = sys.argv[2], sys.argv[3]

def tree_mb():
    # this process's resident memory and its children's (the export's part processes)
    total = rss_mb()
    try:
        with open(f"/proc/{os.getpid()}/task/{os.getpid()}/children") as fh:
            kids = fh.read().split()
    except OSError:
        kids = []
    return total + sum(status_mb("VmRSS", pid) or 0.0 for pid in kids)

store = EventStore(db)
base = tree_mb()
samples = []
stop = False
def sample():
    while not stop:
        samples.append(tree_mb()); time.sleep(0.05)
th = threading.Thread(target=sample, daemon=True); th.start()
t = time.perf_counter()
export_events(store, EventFilter(), "csv", path, force=True)
secs = time.perf_counter() - t
stop = True; th.join()
print(json.dumps({"secs": secs, "base": base, "max": max(samples or [base]),
                  "early": samples[len(samples) // 10] if samples else base}))
'''


def bench_export(res: Results, db: Path, events: int) -> Path | None:
    sec = "export"
    csv_path = OUT / f"export_{events}.csv"
    try:
        from store.report.export import export_events  # noqa: F401
    except Exception as exc:  # noqa: BLE001
        res.add(sec, "export to CSV", None, "s", note=f"not measured: {exc}")
        return None
    proc = subprocess.run([sys.executable, "-c", EXPORT_CHILD, str(ROOT), str(db), str(csv_path)],
                          capture_output=True, text=True, timeout=1200)
    try:
        out = json.loads(proc.stdout.strip().splitlines()[-1])
    except Exception:  # noqa: BLE001
        msg = (proc.stderr.strip().splitlines() or ["no output"])[-1][:200]
        res.add(sec, "export to CSV", None, "s", note=f"not measured: {msg}")
        return None
    floor_path = OUT / "export_floor.csv"

    def floor():
        # the export's plan: the events by a full scan that SQLite sorts, their articles by id a batch at a time
        c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        with open(floor_path, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            cur = c.execute("select e.id, e.event_type, e.date, e.date_precision, e.actor1_id, e.actor2_id,"
                            " e.reported_by_id, e.place_id, e.article_id, e.sentence, e.n_reports, e.n_sources,"
                            " e.fatalities, e.negated, e.hedged from events e not indexed"
                            " order by e.date desc, e.id desc")
            w.writerow([d[0] for d in cur.description] + ["title", "source", "published", "path", "url"])
            while rows := cur.fetchmany(2000):
                ids = list({r[8] for r in rows})
                articles = {a[0]: a[1:] for a in c.execute(
                    "select id, title, source, published, path, url from articles where id in"
                    f" ({','.join('?' * len(ids))})", ids)}
                w.writerows(r + articles.get(r[8], (None,) * 5) for r in rows)
        c.close()
    t_floor, _ = timed(floor, reps=1)
    mb = csv_path.stat().st_size / 1e6
    res.add(sec, f"export of all {events:,} events to CSV ({mb:,.0f} MB)", out["secs"], "s",
            aim="<= 15 s", ok=out["secs"] <= 15,
            ref="raw sqlite3 read of the same rows by the same plan (a scan SQLite sorts, articles by id a batch"
            " at a time) + csv.writer, in one process", ref_value=t_floor, key="export_csv")
    growth = out["max"] - out["early"]
    res.add(sec, f"  memory (its processes together): {out['base']:.0f} MB before, {out['max']:.0f} MB at most;"
            " growth after the first 10% of the run", round(growth, 1), "MB", aim="flat (< 50 MB growth)",
            ok=growth < 50)
    floor_path.unlink(missing_ok=True)
    return csv_path


def bench_peer(res: Results, csv_path: Path | None, info: dict, events: int) -> None:
    """VisiData loading the exported CSV and filtering it (in-process, batch)."""
    sec = "peer tool"
    if csv_path is None or not csv_path.exists():
        res.add(sec, "VisiData", None, "s", note="not measured: no exported CSV")
        return
    try:
        from visidata import Path as VPath
        from visidata import vd
    except Exception:  # noqa: BLE001
        res.add(sec, "VisiData", None, "s", note="not measured: visidata not installed (pip install visidata)")
        return
    F = info["F"]
    t = time.perf_counter()
    sheet = vd.openSource(VPath(str(csv_path)))
    loader = getattr(sheet.reload, "__wrapped__", None)
    if loader:
        loader(sheet)
    else:
        sheet.reload()
    vd.sync()
    t_load = time.perf_counter() - t
    col = sheet.column("actor1_id")
    col2 = sheet.column("actor2_id")
    from store.db.query import EventStore
    store = EventStore(OUT / f"events_{events}.db")
    ids = set(store.resolve("actor", F.actors[0]))
    store.close()
    t = time.perf_counter()
    hits = [r for r in sheet.rows if col.getValue(r) in ids or col2.getValue(r) in ids]
    t_filter = time.perf_counter() - t
    res.add(sec, f"VisiData {vd.version if hasattr(vd, 'version') else ''}: load the exported CSV "
            f"({len(sheet.rows):,} rows)", t_load, "s", key=None)
    res.add(sec, f"VisiData: filter it by actor ({len(hits):,} rows)", t_filter, "s", key=None)
    res.peer_load, res.peer_filter = t_load, t_filter


# -- report -------------------------------------------------------------------------
def table_lines(rows: list[dict]) -> list[str]:
    """The figures as RESULTS.md shows them: a table per section."""
    lines, section = [], None
    for r in rows:
        if r["section"] != section:
            section = r["section"]
            lines += ["", f"### {section}", "", "| measure | figure | aim | met | reference | ratio |",
                      "|---|---|---|---|---|---|"]
        val = fmt(r["value"], r["unit"]) if r["value"] is not None else r["note"]
        ok = "" if r["ok"] is None else ("yes" if r["ok"] else "**no**")
        ref = f"{r['ref']}: {fmt(r['ref_value'], r['unit'])}" if r.get("ref_value") else ""
        rat = (f"{r['ratio']:.1f}x" if r["ratio"] >= 1 else f"{r['ratio']:.2g}x") if r.get("ratio") else ""
        note = f" ({r['note']})" if r["note"] and r["value"] is not None else ""
        lines.append(f"| {r['name']}{note} | {val} | {r['aim'] or ''} | {ok} | {ref} | {rat} |")
    return lines


def write_results(res: Results, mach: dict, args, started: float, path: Path) -> None:
    lines = ["# conflictui benchmark results", "",
             f"Written by `python bench/run.py{' --quick' if args.quick else ''}` on {mach['date']} "
             f"in {time.perf_counter() - started:.0f} s (one run; every figure and its reference come from it).",
             "", "## Machine", ""]
    for k in ("cpu", "cores", "memory", "os", "python", "sqlite", "textual", "sqlite-utils", "visidata", "commit"):
        lines.append(f"- {k}: {mach[k]}")
    lines += ["", "## Figures", "",
              "Times are the best of 3-5 repetitions with in-memory caches cleared before each "
              "(cold for conflictui, warm OS page cache for both). *ratio* = figure / reference, as measured "
              "(the CI check of `--quick` counts times under 2 ms as 2 ms: timer noise).", ""]
    lines += table_lines(res.rows)
    peer_load = getattr(res, "peer_load", None)
    if peer_load:
        first = next((r for r in res.rows if r.get("key") == "app_first_paint"), None)
        filt = next((r for r in res.rows if r.get("key") == "app_filter"), None)
        lines += ["", "### conflictui against the peer tool", "",
                  "| task | conflictui | VisiData | ratio |", "|---|---|---|---|"]
        if first and first["value"]:
            lines.append(f"| open/load all events | {fmt(first['value'], 's')} | {fmt(peer_load, 's')} |"
                         f" {first['value'] / peer_load:.3f}x |")
        if filt and filt["value"]:
            lines.append(f"| filter by actor (+town) | {fmt(filt['value'], 'ms')} | {fmt(res.peer_filter, 's')} |"
                         f" {filt['value'] / res.peer_filter:.3f}x |")
    lines += ["", "## Reproduce", "", "```",
              "python -m pip install -e . visidata      # visidata only for the peer figures",
              "python bench/run.py                      # generates bench/out/ on first use, then measures",
              "python bench/run.py --quick              # the CI version (< 1 min)", "```", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {path}")


def check_baseline(res: Results, path: Path) -> int:
    if not path.exists():
        print(f"no baseline at {path}: nothing to compare", flush=True)
        return 0
    base = json.loads(path.read_text())["ratios"]
    now = res.ratios()
    bad = []
    for key, b in base.items():
        if key in now and now[key] > b * REGRESSION_FACTOR:
            bad.append(f"{key}: ratio {now[key]:.2f} vs baseline {b:.2f} (> {REGRESSION_FACTOR:g}x worse)")
    for line in bad:
        print(f"REGRESSION {line}", flush=True)
    print(f"baseline check: {len(base)} ratios, {len(bad)} regressions", flush=True)
    return 1 if bad else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small data, CI: compare ratios with the baseline")
    ap.add_argument("--write-baseline", action="store_true", help="with --quick: store the ratios as the baseline")
    ap.add_argument("--events", type=int, default=None, help="events in the big store (default 1,000,000)")
    ap.add_argument("--articles", type=int, default=None, help="articles for the ingest figures (default 1000)")
    ap.add_argument("--no-app", action="store_true")
    ap.add_argument("--reextract", type=int, action="append", metavar="JOBS",
                    help="also re-extract every article of the big store with --jobs JOBS (repeatable; "
                         "30-60 min each at 1,000,000 events)")
    ap.add_argument("--reextract-minutes", type=float, default=None, metavar="M",
                    help="stop each re-extraction (SIGTERM) after M minutes and measure what landed")
    ap.add_argument("--only-reextract", action="store_true",
                    help="only the re-extraction figures (--reextract JOBS, default 2), printed as a table")
    ap.add_argument("--results", type=Path, default=None)
    args = ap.parse_args(argv)
    started = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    events = args.events or (30_000 if args.quick else 1_000_000)
    n_articles = args.articles or (40 if args.quick else 1000)
    mach = machine()
    print(f"machine: {mach['cpu']}, {mach['cores']} cores, {mach['memory']}", flush=True)
    res = Results()
    if args.only_reextract:  # one section, printed for RESULTS.md (a full run takes the rest)
        bench_reextract(res, events, args.reextract or [2], args.reextract_minutes)
        print("\n".join([f"measured {mach['date']} at commit {mach['commit']}, load average"
                         f" {os.getloadavg()[0]:.1f} at the end", *table_lines(res.rows)]))
        return 0
    bench_ingest(res, n_articles, [1] if args.quick else [1, 2])
    if not args.quick:
        bench_ingest_stages(res, n_articles)
    if not args.quick:
        bench_cluster(res, n_articles, [1, 2])
    bench_merge(res, 250 if args.quick else 1000)
    if args.quick or args.reextract:
        bench_reextract(res, 1000 if args.quick else events, [1] if args.quick else args.reextract)
    db = ensure_store(events)
    info = bench_queries(res, db, events)
    if not args.quick:
        if not args.no_app:
            bench_app(res, db, info)
        csv_path = bench_export(res, db, events)
        bench_peer(res, csv_path, info, events)
        if csv_path:
            csv_path.unlink(missing_ok=True)
        write_results(res, mach, args, started, args.results or HERE / "RESULTS.md")
        (OUT / "last_full_ratios.json").write_text(json.dumps(res.ratios(), indent=1))
        return 0
    baseline = HERE / "baseline.json"
    if args.write_baseline:
        baseline.write_text(json.dumps({"machine": mach, "events": events, "articles": n_articles,
                                        "ratios": res.ratios()}, indent=1, ensure_ascii=False) + "\n")
        print(f"wrote {baseline}")
        return 0
    code = check_baseline(res, baseline)
    print(f"quick run took {time.perf_counter() - started:.0f} s", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
