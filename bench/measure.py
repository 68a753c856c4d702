#!/usr/bin/env python3
"""The parts of bench/run that are easier in Python than in shell.

    measure.py jieba FILE_LIST EVERY        segment every EVERY-th listed file with
                                            jieba; prints "seconds bytes" (segmentation only)
    measure.py served PORT QUERIES          the queries through GET /api/search;
                                            prints "p50_ms p95_ms" and checks each answer
    measure.py percentiles FILE             "p50 p95" of the numbers in FILE
    measure.py zip-texts PROJECT            deflates the current texts into one archive
    measure.py unzip ARCHIVE                reads and inflates every entry
    measure.py cite-counts LIST.json        "N references, M resolved" of `cite list --json`
    measure.py table ROWS.tsv               the Markdown table of the rows bench/run wrote
"""

import http.client
import io
import json
import sqlite3
import sys
import time
import urllib.parse
import zipfile


def percentile(values, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def read_queries(path):
    """(query, from, to) of each non-comment line of bench/queries.txt."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t") + ["", ""]
            out.append((parts[0], parts[1], parts[2]))
    return out


def cmd_jieba(file_list, every):
    import jieba  # from bench/requirements.txt

    jieba.setLogLevel(60)
    jieba.initialize()  # the dictionary load is not segmentation
    with open(file_list, encoding="utf-8") as f:
        files = [line.rstrip("\n") for line in f if line.strip()]
    texts = []
    for path in files[:: int(every)]:
        with open(path, encoding="utf-8", errors="replace") as f:
            texts.append(f.read())
    size = sum(len(t.encode("utf-8")) for t in texts)
    start = time.perf_counter()
    for t in texts:
        jieba.lcut(t)
    print(f"{time.perf_counter() - start:.3f} {size}")


def cmd_served(port, queries_path):
    conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=60)
    took = []
    for q, frm, to in read_queries(queries_path):
        params = {"q": q, "limit": "20"}
        if frm:
            params["from"] = frm
        if to:
            params["to"] = to
        url = "/api/search?" + urllib.parse.urlencode(params)
        start = time.perf_counter()
        conn.request("GET", url, headers={"Host": f"127.0.0.1:{port}"})
        resp = conn.getresponse()
        body = resp.read()
        took.append((time.perf_counter() - start) * 1000)
        if resp.status != 200:
            sys.exit(f"GET {url}: {resp.status} {body[:200]!r}")
        json.loads(body)
    print(f"{percentile(took, 50):.2f} {percentile(took, 95):.2f}")


def cmd_percentiles(path):
    with open(path) as f:
        values = [float(x) for x in f if x.strip()]
    print(f"{percentile(values, 50):.2f} {percentile(values, 95):.2f}")


def cmd_zip_texts(project):
    db = sqlite3.connect(project + "/policyscope.db")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i, text in db.execute("SELECT id, text FROM documents WHERE superseded = 0"):
            z.writestr(f"sources/{i}.txt", text)


def cmd_unzip(archive):
    with zipfile.ZipFile(archive) as z:
        for name in z.namelist():
            z.read(name)


def cmd_cite_counts(path):
    with open(path, encoding="utf-8") as f:
        refs = json.load(f)
    resolved = sum(r["status"] == "resolved" for r in refs)
    print(f"{len(refs):,} references, {resolved:,} resolved")


def fmt_secs(s):
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def cmd_table(rows_path):
    print("| stage | scale | time | throughput | reference (same run) | ratio | peak RSS | command |")
    print("|---|---|---|---|---|---|---|---|")
    with open(rows_path, encoding="utf-8") as f:
        for line in f:
            scale, stage, secs, rate, ref, ref_secs, rss_kb, command = line.rstrip("\n").split("\t")
            secs, ref_secs = float(secs), float(ref_secs) if ref_secs else None
            ratio = f"{secs / ref_secs:.2f} ×" if ref_secs else "–"
            ref_text = f"{ref}: {fmt_secs(ref_secs)}" if ref_secs else ref or "–"
            rss = f"{int(rss_kb) / 1024:.0f} MB" if rss_kb else "–"
            print(f"| {stage} | {scale}× | {fmt_secs(secs)} | {rate or '–'} | {ref_text} | {ratio} | {rss} | `{command}` |")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    name, args = sys.argv[1], sys.argv[2:]
    commands = {
        "jieba": cmd_jieba,
        "served": cmd_served,
        "percentiles": cmd_percentiles,
        "zip-texts": cmd_zip_texts,
        "unzip": cmd_unzip,
        "cite-counts": cmd_cite_counts,
        "table": cmd_table,
    }
    if name not in commands:
        sys.exit(__doc__)
    commands[name](*args)


if __name__ == "__main__":
    main()
