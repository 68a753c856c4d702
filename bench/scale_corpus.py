#!/usr/bin/env python3
"""Writes N copies of the laws corpus as distinct documents, for bench/run.

    bench/scale_corpus.py SOURCE_DIR OUT_DIR N

Copy 0 (OUT_DIR/c00) is the source, byte for byte. Copy k > 0 (OUT_DIR/ckk)
is every file again, made a different document the same way everywhere in
that copy, so that the copy cites itself as the source does:

* a prefix naming the copy (模拟二区, 模拟三区 …) goes before every title (the
  `# ` line and the file name) and inside every opening 《, so that a
  reference and the document it names carry the same prefix and resolve to
  each other (the 中华人民共和国 inside a title is ignored by the resolver,
  the prefix is not);
* every full date 2009年2月28日 (and the file name's date) moves k days later,
  so versions of one law keep their order and form the same chains, and the
  version in force at each citing document's date is the same one.

Document numbers (〔2017〕35号) are left as they are: a copy's number
references can resolve to a document of another copy, as they could in a
real collection holding the same number twice.
"""

import datetime
import os
import re
import sys

NUMERALS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1..99 in Chinese numerals (二, 十五, 二十)."""
    tens, units = divmod(n, 10)
    if tens == 0:
        return NUMERALS[units]
    head = "" if tens == 1 else NUMERALS[tens]
    return head + "十" + (NUMERALS[units] if units else "")


DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
FILE_DATE = re.compile(r"\((\d{4})-(\d{2})-(\d{2})\)(\.\w+)$")


def shift(y: str, m: str, d: str, days: int):
    try:
        return datetime.date(int(y), int(m), int(d)) + datetime.timedelta(days=days)
    except ValueError:  # 2月30日 and the like: leave it
        return None


def transform_text(text: str, prefix: str, days: int) -> str:
    def date(m):
        moved = shift(m.group(1), m.group(2), m.group(3), days)
        return m.group(0) if moved is None else f"{moved.year}年{moved.month}月{moved.day}日"

    text = DATE.sub(date, text)
    text = text.replace("《", "《" + prefix)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("# "):
            lines[i] = "# " + prefix + line[2:]
            break
    return "\n".join(lines)


def transform_name(name: str, prefix: str, days: int) -> str:
    m = FILE_DATE.search(name)
    if m:
        moved = shift(m.group(1), m.group(2), m.group(3), days)
        if moved is not None:
            name = name[: m.start()] + f"({moved.isoformat()}){m.group(4)}"
    return prefix + name


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    source, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if not 1 <= n <= 99:
        print("N must be between 1 and 99", file=sys.stderr)
        return 2
    files = []
    for root, _, names in os.walk(source):
        for name in names:
            files.append(os.path.relpath(os.path.join(root, name), source))
    files.sort()
    if not files:
        print(f"no files under {source}", file=sys.stderr)
        return 1
    for k in range(n):
        copy = os.path.join(out, f"c{k:02d}")
        if os.path.isdir(copy):  # already written by an earlier run
            continue
        partial = copy + ".partial"
        prefix = f"模拟{chinese_number(k + 1)}区"
        for rel in files:
            with open(os.path.join(source, rel), "rb") as f:
                data = f.read()
            folder, name = os.path.split(rel)
            if k > 0:
                text = data.decode("utf-8", errors="surrogateescape")
                data = transform_text(text, prefix, k).encode("utf-8", errors="surrogateescape")
                name = transform_name(name, prefix, k)
            target = os.path.join(partial, folder, name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as f:
                f.write(data)
        os.rename(partial, copy)
    return 0


if __name__ == "__main__":
    sys.exit(main())
