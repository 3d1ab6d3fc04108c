"""Feed `kg build` over a thousand hostile and careless inputs; count tracebacks and lost controls.

    .venv/bin/python scripts/fuzz_build.py                    # 1,200 bad inputs, seed 15
    .venv/bin/python scripts/fuzz_build.py --count 3000 --seed 7 --workers 1

Writes a folder of generated bad inputs (random bytes, empty and binary files, broken, deeply
nested and surrogate-holding JSON and JSON Lines, records over ``--max-bytes``, HTML that makes
parsers assert, feeds whose links lead to a closed port, UTF-16 and UTF-32 files, file names that
are not UTF-8 or hold control characters, articles built to be slow) with good control articles
sorted among them (first, last and in between), runs the real ``kg build`` on it in a
subprocess (offline: every request goes to a closed port of 127.0.0.1), then a few of the
inputs again through stdin, and prints: inputs by kind, failures reported, tracebacks printed
(must be 0), control articles lost (must be 0), the exit codes and the time. Exits 1 when a
traceback was printed or a control was lost. Deterministic for a given ``--seed``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTROL_TEXT = (
    "{place} (Kabar) - Wali Kota {place} Hendra Wijaya meresmikan pasar rakyat nomor {n} di "
    "{place} pada Senin.\n\nMenurut Hendra, renovasi itu menelan anggaran Rp{n} miliar.\n"
)
PLACES = ("Bogor", "Bekasi", "Depok", "Cirebon", "Garut", "Subang", "Sukabumi", "Cianjur")
TAGS = ("<html>", "<body>", "<p>", "</p>", "<div>", "<script>", "<!--", "<![CDATA[", "&#0;",
        "<svg><circle r='1'/><circle r='1'/></svg>", "<meta charset='x-bogus'>", "<title>",
        "\x1b]0;diretas\x07", "Wali Kota Bogor ", "<article>", "</html>")  # fmt: skip
SUFFIXES = (".txt", ".html", ".json", ".jsonl", ".xml", ".md", ".rss", ".htm", ".ndjson")

Maker = Callable[[random.Random, str], tuple[str, bytes]]


def _json_value(rng: random.Random, depth: int = 0) -> object:
    kind = rng.randrange(7 if depth < 4 else 4)
    if kind == 0:
        return None
    if kind == 1:
        return rng.randint(-(10**20), 10**20)
    if kind == 2:
        return rng.random() * 1e300
    if kind == 3:
        return "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randrange(20)))
    if kind == 4:
        return [_json_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    keys = ("text", "title", "url", "date", "authors", "body", "x", "meta")
    return {rng.choice(keys): _json_value(rng, depth + 1) for _ in range(rng.randrange(5))}


def random_bytes(rng: random.Random, tag: str) -> tuple[str, bytes]:
    return rng.choice(SUFFIXES), rng.randbytes(rng.choice((1, 7, 100, 4000, 70_000)))


def empty_or_blank(rng: random.Random, tag: str) -> tuple[str, bytes]:
    return rng.choice(SUFFIXES), rng.choice((b"", b"\n\n", b"   \t\n", b"\xef\xbb\xbf"))


def binary_file(rng: random.Random, tag: str) -> tuple[str, bytes]:
    magic = rng.choice((b"\x89PNG\r\n\x1a\n", b"%PDF-1.7\n", b"\x1f\x8b\x08\x00", b"PK\x03\x04"))
    return rng.choice((".txt", ".html", ".dat", ".json")), magic + rng.randbytes(500)


def random_json(rng: random.Random, tag: str) -> tuple[str, bytes]:
    value = _json_value(rng)
    return rng.choice((".json", ".jsonl", ".dat")), json.dumps(value).encode()


def surrogate_json(rng: random.Random, tag: str) -> tuple[str, bytes]:
    text = "Wali Kota Bogor \\ud800 hadir" if rng.random() < 0.5 else "\\udfff"
    field = rng.choice(("text", "title", "authors", "url"))
    record = '{"text": "Bupati Garut ' + tag + " nomor " + tag + f'.", "{field}": "{text}"}}'
    return rng.choice((".json", ".jsonl")), record.encode()


def nested_json(rng: random.Random, tag: str) -> tuple[str, bytes]:
    depth = rng.choice((1_000, 10_000, 100_000))
    open_, close = rng.choice((("[", "]"), ('{"a":', "}")))
    body = open_ * depth + "1" + close * depth
    if rng.random() < 0.5:
        return ".jsonl", f'{{"text": "Baris baik {tag}."}}\n{body}\n'.encode()
    return ".json", body.encode()


def oversized_record(rng: random.Random, tag: str) -> tuple[str, bytes]:
    text = f"Kata {tag} " * 30_000  # ~ 300 kB, over the --max-bytes of the run
    return rng.choice((".json", ".jsonl")), json.dumps({"text": text}).encode()


def bad_jsonl(rng: random.Random, tag: str) -> tuple[str, bytes]:
    lines = [
        rng.choice((b"{", b'{"text": 1}', b"[]", b'"x"', b"\xff\xfe", b'{"title": "t"}', b"nul"))
        for _ in range(rng.randrange(1, 6))
    ]
    return ".jsonl", b"\n".join(lines)


def hostile_html(rng: random.Random, tag: str) -> tuple[str, bytes]:
    markup = "".join(rng.choice(TAGS) for _ in range(rng.randrange(1, 30)))
    return rng.choice((".html", ".htm", ".dat")), markup.encode("utf-8", "surrogatepass")


def hostile_feed(rng: random.Random, tag: str) -> tuple[str, bytes]:
    kind = rng.randrange(4)
    if kind == 0:  # items linking to a closed port: offline failures, one per item
        items = "".join(
            f"<item><title>B{n}</title><link>http://127.0.0.1:9/b/{tag}/{n}</link></item>"
            for n in range(rng.randrange(1, 4))
        )
        body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>K</title>{items}'
        return ".xml", (body + "</channel></rss>").encode()
    if kind == 1:  # entity expansion
        entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
            f'<!ENTITY {chr(98 + k)} "{("&" + chr(97 + k) + ";") * 10}">' for k in range(6)
        )
        return ".rss", (
            f'<?xml version="1.0"?><!DOCTYPE r [{entities}]><rss version="2.0"><channel>'
            "<title>&g;</title><item><title>x</title><description>&g;</description></item>"
            "</channel></rss>"
        ).encode()
    if kind == 2:  # external entity
        return ".xml", (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<rss version="2.0"><channel><title>&x;</title><item><link>javascript:x</link>'
            b"</item></channel></rss>"
        )
    return ".rss", b'<?xml version="1.0"?><rss><channel><item><title>' + rng.randbytes(50)


def wide_text(rng: random.Random, tag: str) -> tuple[str, bytes]:
    text = f"Bupati Subang Dedi Permana {tag} meninjau jalan desa."
    codec = rng.choice(("utf-16", "utf-32", "utf-16-le"))  # utf-16-le: no mark, binary
    return rng.choice((".txt", ".html", ".dat")), text.encode(codec)


def slow_article(rng: random.Random, tag: str) -> tuple[str, bytes]:
    words = " ".join(
        "".join(rng.choice("bdkmstrwjn") + rng.choice("aiu") for _ in range(3)).capitalize()
        for _ in range(rng.choice((2_000, 8_000)))
    )
    if rng.random() < 0.5:
        names = ", ".join(f"Ahmad Santoso {rng.randrange(10**6)}" for _ in range(600))
        words = f"Rapat Koordinasi Daerah {tag} turut dihadiri oleh {names} dan Budi."
    return ".txt", words.encode()


KINDS: dict[str, Maker] = {
    "random-bytes": random_bytes,
    "empty-or-blank": empty_or_blank,
    "binary": binary_file,
    "random-json": random_json,
    "surrogate-json": surrogate_json,
    "nested-json": nested_json,
    "oversized-record": oversized_record,
    "bad-jsonl": bad_jsonl,
    "hostile-html": hostile_html,
    "hostile-feed": hostile_feed,
    "utf16-utf32": wide_text,
    "slow-article": slow_article,
}
WEIGHTS = {"slow-article": 0.2, "oversized-record": 0.5, "nested-json": 0.5}


def _name(rng: random.Random, n: int, suffix: str) -> bytes:
    stem = rng.choice(
        (
            f"masukan-{n:05d}".encode(),
            b"caf\xe9-%05d" % n,  # Latin-1: not UTF-8
            f"judul\x1b[31m-{n:05d}".encode(),  # a terminal escape
            f"baris\nbaru-{n:05d}".encode(),
            f"{n:05d}-".encode() + b"x" * 200,
        )
    )
    return stem + suffix.encode()


def write_inputs(folder: Path, count: int, seed: int) -> Counter[str]:
    rng = random.Random(seed)
    kinds = list(KINDS)
    weights = [WEIGHTS.get(k, 1.0) for k in kinds]
    made: Counter[str] = Counter()
    for n in range(count):
        kind = rng.choices(kinds, weights)[0]
        suffix, data = KINDS[kind](rng, f"{seed}-{n}")
        (folder / os.fsdecode(_name(rng, n, suffix))).write_bytes(data)
        made[kind] += 1
    return made


def write_controls(folder: Path, count: int) -> dict[str, str]:
    """Good articles whose names sort first, last and among the bad inputs."""
    urls: dict[str, str] = {}
    for n in range(count):
        url = f"https://kabar.example/kontrol/{n}"
        name = ("!", "masukan-", "zzzz-")[n % 3] + f"kontrol-{n:03d}.txt"
        place = PLACES[n % len(PLACES)]
        text = CONTROL_TEXT.format(place=place, n=n)
        (folder / name).write_text(f"url: {url}\ntitle: Kontrol {n}\n\n{text}", encoding="utf-8")
        urls[name] = url
    return urls


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(tmp: Path) -> dict[str, str]:
    proxy = f"http://127.0.0.1:{_closed_port()}"
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("no_proxy",)}
    env.update(HTTP_PROXY=proxy, HTTPS_PROXY=proxy, http_proxy=proxy, https_proxy=proxy)
    env["KG_CACHE_DIR"] = str(tmp / "cache")
    return env


def kg(args: list[str], env: dict[str, str], stdin: bytes | None = None) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        input=stdin, capture_output=True, cwd=ROOT, env=env, check=False, timeout=3600,
    )  # fmt: skip
    return done.returncode, (done.stdout + done.stderr).decode("utf-8", "replace")


def stored_urls(store: Path, env: dict[str, str]) -> set[str]:
    urls = "SELECT ?url WHERE { ?a <https://schema.org/url> ?url }"
    code, out = kg(["query", urls, "--store", str(store), "-f", "json", "--read-only"], env)
    if code:
        raise SystemExit(f"cannot read the store: {out[-500:]}")
    return {str(row["url"]) for row in json.loads(out[out.index("[") :])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1200, help="bad inputs to generate")
    parser.add_argument("--controls", type=int, default=30)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--workers", default="2")
    parser.add_argument("--stdin", type=int, default=40, help="bad inputs also read via stdin")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-fuzz-") as name:
        tmp = Path(name)
        folder = tmp / "masukan"
        folder.mkdir()
        made = write_inputs(folder, args.count, args.seed)
        controls = write_controls(folder, args.controls)
        env = _env(tmp)
        store = tmp / "store"
        started = time.monotonic()
        build = ["build", str(folder), "--store", str(store), "--workers", args.workers]
        build += ["-q", "--retries", "0", "--delay", "0", "--deadline", "5"]
        code, out = kg([*build, "--max-bytes", "200000"], env)
        seconds = time.monotonic() - started
        summary = [line for line in out.splitlines() if " new, " in line]
        tracebacks = out.count("Traceback (most recent call last)")
        lost = set(controls.values()) - stored_urls(store, env)
        rerun_code, rerun = kg([*build, "--max-bytes", "200000"], env)
        rerun_summary = [line for line in rerun.splitlines() if " new, " in line]
        tracebacks += rerun.count("Traceback (most recent call last)")
        rng = random.Random(args.seed + 1)
        stdin_codes: Counter[int] = Counter()
        for n in range(args.stdin):
            kind = rng.choice(list(KINDS))
            _, data = KINDS[kind](rng, f"stdin-{n}")
            stdin_code, stdin_out = kg(["build", "-", "--store", "memory", "-q"], env, data)
            stdin_codes[stdin_code] += 1
            tracebacks += stdin_out.count("Traceback (most recent call last)")
    print(
        f"bad inputs: {args.count} in one folder ({', '.join(f'{k} {v}' for k, v in made.items())})"
    )
    print(f"controls: {args.controls} good articles sorted among them; seed {args.seed}")
    print(f"kg build exit {code} in {seconds:.1f} s: {summary[-1] if summary else out[-300:]}")
    print(
        f"failure lines: {out.count('kg: failed ')}, duplicate lines: {out.count('kg: duplicate ')}"
    )
    print(f"rebuild exit {rerun_code}: {rerun_summary[-1] if rerun_summary else rerun[-300:]}")
    print(f"stdin: {args.stdin} bad inputs through `kg build -`, exit codes {dict(stdin_codes)}")
    print(f"tracebacks: {tracebacks}")
    print(f"lost controls: {len(lost)}{' ' + ', '.join(sorted(lost)) if lost else ''}")
    bad_exit = code not in (0, 1) or rerun_code not in (0, 1) or set(stdin_codes) - {0, 1}
    sys.exit(1 if tracebacks or lost or bad_exit else 0)


if __name__ == "__main__":
    main()
