"""Score the extractor on a gold set in one process, the way ``../shared/eval/score.py`` does.

    .venv/bin/python scripts/score_extraction.py                 # train
    .venv/bin/python scripts/score_extraction.py --split dev --show-errors

``score.py`` starts ``kg extract`` once per article; this reads every article in one process
(seconds for the 87 train articles) and scores the same RDF with ``score.py``'s functions, so the
figures are the ruler's. Needs ../shared (a development tool; exits with a message without it).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from eval_kit import gold_articles, read_article, require_shared, score_split

from kg.extract import extract


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="train", choices=["train", "dev"])
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--json", type=Path, help="write the scores and errors here")
    args = parser.parse_args()
    require_shared()
    items = gold_articles(args.split)
    started = time.process_time()
    extractions = [(item, extract(read_article(item.path))) for item in items]
    seconds = time.process_time() - started
    print(f"articles {len(items)}  extraction CPU {seconds:.2f} s")
    report = score_split(iter(extractions), show_errors=args.show_errors)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
