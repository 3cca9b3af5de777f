"""Write the bad-input corpus for tests/test_reliability_input.py into a
folder (a pytest tmp dir): nothing big is committed, everything is made
at test time from the sample articles with a fixed seed.

    python tests/badinput/make_corpus.py /tmp/corpus   # to look at it

`make_corpus(root)` returns a list of `Case`: the file, what must happen
(`ok`: the article lands; `error`: exactly one error line naming the file
with `reason` in it) and, for batches, the line numbers that must fail.
"""
from __future__ import annotations

import codecs
import json
import os
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample_articles").glob("*.txt"))

BIG_MB = 50
JSONL_LINES = 100_000
JSONL_DISTINCT = 8_000  # distinct bodies among the lines; the rest repeat (duplicates)


@dataclass
class Case:
    name: str  # path relative to the corpus root
    expect: str  # "ok" | "error" | "batch"
    reason: str = ""  # substring of the error line, or of a note for "ok"
    bad_lines: list[int] = field(default_factory=list)  # for batches
    articles: int = 1  # distinct articles that must land from this file
    description: str = ""


def sample_bodies() -> list[str]:
    out = []
    for p in SAMPLES:
        text = p.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("\n---", 1)[1].split("\n", 1)[1]
        out.append(text)
    return out


def sample_sentences() -> list[str]:
    sents = []
    for body in sample_bodies():
        for s in re.split(r"(?<=[.؟!])\s+|\n+", body):
            s = s.strip()
            if 30 <= len(s) <= 400:
                sents.append(s)
    return sents


def _article(title: str, body: str, published: str = "2017-11-03") -> str:
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\npublished: {published}\n---\n{body}\n"


def make_corpus(root: Path, big: bool = True, jsonl_lines: int = JSONL_LINES) -> list[Case]:
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    bodies = sample_bodies()
    sents = sample_sentences()
    cases: list[Case] = []

    def w(name: str, data: bytes | str, case: Case) -> None:
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        cases.append(case)

    # -- good files, so that "the good files land" can be checked
    for i, body in enumerate(bodies[:3]):
        w(f"good/good_{i}.txt", _article(f"good {i}", body), Case(f"good/good_{i}.txt", "ok"))
    w("good/one.json", json.dumps({"title": "json one", "text": bodies[3], "published": "2017-10-01"},
                                  ensure_ascii=False), Case("good/one.json", "ok"))

    # -- empty and binary
    w("empty.txt", b"", Case("empty.txt", "error", "is empty"))
    w("blank.md", b"  \n\t\n  ", Case("blank.md", "error", "is empty"))
    w("binary.txt", bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00",
      Case("binary.txt", "error", "binary"))
    w("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, Case("image.md", "error", "binary"))
    # -- undecodable: Latin-1 accents are not UTF-8, and not Arabic in cp1256
    w("latin1.txt", ("Ceci est un texte français très accentué: éèêàç ôûî. " * 20).encode("latin-1"),
      Case("latin1.txt", "error", "cannot be decoded"))
    w("garbage.txt", bytes(rng.randrange(0x80, 0x100) for _ in range(3000)),
      Case("garbage.txt", "error", "cannot be decoded"))
    w("bad_bom.txt", codecs.BOM_UTF16_LE + b"\x00\xd8" * 3 + b"a",  # odd length: not UTF-16
      Case("bad_bom.txt", "error", "UTF-16"))

    # -- other encodings of good text
    w("enc/utf16le_bom.txt", codecs.BOM_UTF16_LE + _article("utf16le", bodies[4]).encode("utf-16-le"),
      Case("enc/utf16le_bom.txt", "ok"))
    w("enc/utf16be_bom.md", codecs.BOM_UTF16_BE + _article("utf16be", sents[0] + "\n" + sents[5]).encode("utf-16-be"),
      Case("enc/utf16be_bom.md", "ok"))
    w("enc/utf8_bom.txt", codecs.BOM_UTF8 + _article("utf8bom", sents[1] + "\n" + sents[6]).encode("utf-8"),
      Case("enc/utf8_bom.txt", "ok"))
    cp = "\n".join(s for s in sents[10:30] if s.encode("cp1256", errors="ignore").decode("cp1256") == s)
    w("enc/windows1256.txt", ("---\ntitle: cp1256\npublished: 2017-11-03\n---\n" + cp).encode("cp1256"),
      Case("enc/windows1256.txt", "ok"))

    # -- front matter
    w("fm/broken_yaml.md", f"---\ntitle: [unclosed\npublished: 2017-11-03\n---\n{sents[2]}\n",
      Case("fm/broken_yaml.md", "error", "broken front matter"))
    w("fm/never_closed.md", f"---\ntitle: x\npublished: 2017-11-03\n{sents[3]}\n",
      Case("fm/never_closed.md", "error", "never closed"))
    w("fm/not_mapping.md", f"---\n- a\n- b\n---\n{sents[4]}\n",
      Case("fm/not_mapping.md", "error", "key: value"))
    w("fm/tabs.md", f"---\ntitle:\t\"x\n\tpublished: [\n---\n{sents[4]}\n",
      Case("fm/tabs.md", "error", "front matter"))
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi"))
    w("fm/alias_bomb.md", f"---\n{bomb}title: *i\nsource: *i\npublished: 2017-11-03\n---\n{sents[7]}\n",
      Case("fm/alias_bomb.md", "ok", description="YAML alias bomb as title: title falls back to the first line"))
    # -- impossible dates
    w("dates/feb30_yaml.md", f"---\ntitle: x\npublished: 2019-02-30\n---\n{sents[8]}\n",
      Case("dates/feb30_yaml.md", "error", "day is out of range"))
    w("dates/feb30_str.md", f"---\ntitle: x\npublished: \"2019-02-30\"\n---\n{sents[9]}\n",
      Case("dates/feb30_str.md", "error", "not a real date"))
    w("dates/month13.json", json.dumps({"text": sents[11], "published": "2018-13-01"}, ensure_ascii=False),
      Case("dates/month13.json", "error", "not a real date"))
    w("dates/year1.md", f"---\ntitle: x\npublished: 0001-01-01\n---\n{sents[12]}\n",
      Case("dates/year1.md", "error", "outside"))
    w("dates/year9999.json", json.dumps({"text": sents[13], "published": "9999-12-31"}, ensure_ascii=False),
      Case("dates/year9999.json", "error", "outside"))
    w("dates/words.md", f"---\ntitle: x\npublished: yesterday-ish\n---\n{sents[14]}\n",
      Case("dates/words.md", "error", "not a real date"))

    # -- JSON oddities
    w("json/nested.json", "[" * 100_000 + "]" * 100_000, Case("json/nested.json", "error", "nested too deeply"))
    w("json/bigint.json", '{"text": "x", "n": ' + "9" * 5000 + "}", Case("json/bigint.json", "error", "usable JSON"))
    w("json/no_text.json", '{"title": "only a title"}', Case("json/no_text.json", "error", "no 'text'"))
    w("json/truncated.json", '{"title": "x", "text": "غارات', Case("json/truncated.json", "error", "not valid JSON"))
    w("json/surrogate.json", json.dumps({"title": "lone \ud800 surrogate", "text": sents[15] + " \udc00"}),
      Case("json/surrogate.json", "ok", description="lone surrogates are dropped"))
    w("json/title_object.json", json.dumps({"title": {"nested": [1, 2]}, "text": sents[16]}, ensure_ascii=False),
      Case("json/title_object.json", "ok"))

    # -- languages and degenerate Arabic
    w("lang/english.txt", "---\ntitle: English\npublished: 2018-02-20\n---\n"
      "Government forces shelled Douma in Eastern Ghouta on Tuesday, killing at least 20 civilians, "
      "the Syrian Observatory for Human Rights said. Rebels fired mortars on Damascus.\n",
      Case("lang/english.txt", "ok", "not Arabic"))
    w("lang/french.md", "---\ntitle: Français\npublished: 2018-02-20\n---\n"
      "Les forces gouvernementales ont bombardé Douma dans la Ghouta orientale mardi, tuant au moins "
      "20 civils, selon l'Observatoire syrien des droits de l'homme.\n",
      Case("lang/french.md", "ok", "not Arabic"))
    w("arabic/diacritics_only.txt", "\u064e\u064f\u0650\u0651\u0652" * 400 + "\n" + "\u064b\u064c\u064d" * 300,
      Case("arabic/diacritics_only.txt", "ok"))
    w("arabic/tatweel_only.txt", "\u0640" * 5000 + "\n" + ("\u0640\u064e" * 1000),
      Case("arabic/tatweel_only.txt", "ok"))
    words = " ".join(s.replace(".", "").replace("،", "").replace(",", "") for s in sents)
    long_sentence = re.sub(r"[.!?؟؛\n]", " ", words)
    long_sentence = (long_sentence * (20_000 // max(1, len(long_sentence)) + 1))[:20_000]
    w("arabic/long_sentence.txt", "---\ntitle: long\npublished: 2017-11-03\n---\n" + long_sentence + "\n",
      Case("arabic/long_sentence.txt", "ok", description="20,000 characters without punctuation"))

    # -- unreadable things (tests run as root in CI, where chmod 000 reads fine)
    (root / "unreadable").mkdir()
    os.symlink(root / "no-such-target.txt", root / "unreadable/dangling.txt")
    cases.append(Case("unreadable/dangling.txt", "error", "cannot be read"))
    os.symlink("self_loop.txt", root / "unreadable/self_loop.txt")
    cases.append(Case("unreadable/self_loop.txt", "error", "cannot be read"))
    os.mkfifo(root / "unreadable/fifo.txt")
    cases.append(Case("unreadable/fifo.txt", "error", "not a regular file"))
    (root / "unreadable/folder.txt").mkdir()  # a folder with an article name is walked, not read
    w("unreadable/folder.txt/inside.txt", _article("inside", sents[17] + "\n" + sents[18]),
      Case("unreadable/folder.txt/inside.txt", "ok"))
    (root / "loops/sub").mkdir(parents=True)
    os.symlink("..", root / "loops/sub/up")  # loops/sub/up -> loops: visited already
    cases.append(Case("loops/sub/up", "error", "symlink loop"))
    w("loops/sub/real.txt", _article("in loop folder", sents[19] + "\n" + sents[20]), Case("loops/sub/real.txt", "ok"))

    # -- the 50 MB article
    if big:
        target = BIG_MB * 2**20
        chunk = "\n".join(sents).encode("utf-8") + b"\n"
        (root / "big").mkdir()
        with open(root / "big/huge.txt", "wb") as f:
            f.write(b"---\ntitle: huge\npublished: 2017-11-03\n---\n")
            written = 0
            while written < target:
                f.write(chunk)
                written += len(chunk)
        cases.append(Case("big/huge.txt", "ok", "only the first", description=f"{BIG_MB} MB"))

    # -- the JSONL batch with malformed lines in the middle
    if jsonl_lines:
        towns = ["دير الزور", "الرقة", "حلب", "إدلب", "دوما", "الموصل", "تلعفر", "كركوك", "منبج", "عفرين"]
        distinct = min(JSONL_DISTINCT, jsonl_lines)
        mid = jsonl_lines // 2
        bad = {
            mid: b'{"title": "cut off", "text": "\xd8\xba\xd8\xa7',  # truncated JSON
            mid + 1: b"this is not json at all",
            mid + 2: b"[1, 2, 3]",
            mid + 3: b'{"title": "no text here"}',
            mid + 4: b'{"text": ""}',
            mid + 5: '{"text": "قصف مدينة حلب", "published": "2019-02-30"}'.encode(),
            mid + 6: b'{"text": "\xff\xfe broken utf-8 \xc3"}',
            mid + 7: b"[" * 50_000,
        }
        (root / "batch").mkdir()
        with open(root / "batch/batch.jsonl", "wb") as f:
            for n in range(1, jsonl_lines + 1):
                if n in bad:
                    f.write(bad[n] + b"\n")
                    continue
                # lines right after the bad ones are new articles, not repeats
                k = jsonl_lines + n if mid + 10 <= n < mid + 210 else n % distinct
                text = f"قصفت طائرات حربية بلدة في ريف {towns[k % len(towns)]} اليوم {k}."
                f.write(json.dumps({"title": f"b{k}", "text": text, "published": "2018-03-01"},
                                   ensure_ascii=False).encode() + b"\n")
        fresh = len(range(mid + 10, min(mid + 210, jsonl_lines + 1)))
        cases.append(Case("batch/batch.jsonl", "batch", bad_lines=sorted(bad), articles=distinct + fresh))
    return cases


TOWNS = ["دير الزور", "الرقة", "حلب", "إدلب", "دوما", "الموصل", "تلعفر", "كركوك", "منبج", "عفرين", "درعا",
         "حمص", "البوكمال", "الميادين", "تدمر", "الباب", "جرابلس", "الحسكة", "القائم", "الفلوجة"]
ACTS = ["قصفت طائرات حربية روسية بلدة في ريف {t}", "سيطر تنظيم داعش على قرية قرب {t}",
        "اندلعت اشتباكات عنيفة بين الجيش السوري وفصائل المعارضة في {t}",
        "قتل 5 مدنيين في قصف مدفعي على {t}"]


def make_small_articles(folder: Path, n: int = 2000, seed: int = 20240611) -> None:
    """`n` small articles: sampled sentences plus one act in a random town."""
    rng = random.Random(seed)
    sents = sample_sentences()
    folder.mkdir(parents=True)
    for i in range(n):
        body = [rng.choice(sents) for _ in range(rng.randint(2, 4))]
        body.insert(rng.randrange(len(body) + 1), rng.choice(ACTS).format(t=rng.choice(TOWNS)) + f"، وفق مصدر رقم {i}.")
        day = f"2017-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        (folder / f"a{i:04d}.txt").write_text(f"---\ntitle: مقال {i}\npublished: {day}\nsource: s{i % 7}\n---\n"
                                            + "\n".join(body) + "\n", encoding="utf-8")


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "badinput_corpus")
    for c in make_corpus(out):
        print(f"{c.expect:6} {c.name}  {c.reason}")
