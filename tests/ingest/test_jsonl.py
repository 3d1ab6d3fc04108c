"""JSON and JSON Lines corpora: field mappings, nested keys, bad records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import IngestError
from kg.ingest import Failure, FieldMap, load_field_map, parse_field_map
from kg.ingest.jsonl import iter_json, iter_jsonl
from kg.model.records import Article

TEXT = "Palu (Kabar) - Wali Kota Palu Hendra Saputra membuka festival kuliner di Teluk Palu."


def _lines(*records: object) -> list[bytes]:
    return [
        (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)).encode("utf-8")
        for r in records
    ]


def test_usual_field_names_need_no_mapping() -> None:
    record = {
        "judul": "Festival Kuliner Palu",
        "isi": TEXT,
        "link": "https://kabar.example/palu",
        "tanggal": "2024-04-02",
        "media": "Kabar Sulawesi",
        "penulis": "Nur Aini; Rahmat",
    }
    (article,) = iter_jsonl(_lines(record), source="c.jsonl", fields=FieldMap(), max_bytes=10**6)
    assert article == Article(
        TEXT,
        title="Festival Kuliner Palu",
        url="https://kabar.example/palu",
        published="2024-04-02",
        outlet="Kabar Sulawesi",
        authors=("Nur Aini", "Rahmat"),
        source="c.jsonl:1",
    )


def test_a_mapping_names_nested_keys() -> None:
    record = {"body": TEXT, "meta": {"headline": "Festival", "published_at": 1712016000}}
    fields = parse_field_map(["text=body", "title=meta.headline", "date=meta.published_at"])
    (article,) = iter_json(json.dumps(record).encode(), source="c.json", fields=fields)
    assert isinstance(article, Article)
    assert (article.title, article.published) == ("Festival", "2024-04-02T00:00:00+00:00")


def test_bad_lines_are_reported_by_number_and_the_rest_go_on() -> None:
    lines = _lines(
        {"text": TEXT}, "{not json", [1, 2], {"title": "tanpa isi"}, "", {"text": TEXT + " Lagi."}
    )
    items = list(iter_jsonl(lines, source="c.jsonl", fields=FieldMap(), max_bytes=10**6))
    failures = [i for i in items if isinstance(i, Failure)]
    assert [f.source for f in failures] == ["c.jsonl:2", "c.jsonl:3", "c.jsonl:4"]
    assert "c.jsonl:2: not JSON" in failures[0].message
    assert "expected a JSON object per article, got list" in failures[1].message
    assert "--field text=KEY" in failures[2].message
    assert sum(isinstance(i, Article) for i in items) == 2


def test_an_oversized_line_is_refused() -> None:
    lines = _lines({"text": "x" * 2000})
    (failure,) = iter_jsonl(lines, source="c.jsonl", fields=FieldMap(), max_bytes=1000)
    assert isinstance(failure, Failure)
    assert "too large for one article" in failure.message


@pytest.mark.parametrize(
    "document",
    [
        pytest.param([{"text": TEXT}, {"text": TEXT + " B"}], id="list"),
        pytest.param(
            {"tags": ["a"], "data": {"articles": [{"text": TEXT}, {"text": TEXT + " B"}]}},
            id="wrapped",
        ),
    ],
)
def test_json_documents_hold_a_list_of_articles(document: object) -> None:
    items = list(iter_json(json.dumps(document).encode(), source="c.json", fields=FieldMap()))
    assert [i.source for i in items] == ["c.json[1]", "c.json[2]"]


def test_a_json_document_without_articles_is_one_clear_error() -> None:
    with pytest.raises(IngestError, match=r"c.json: no list of article objects found"):
        list(iter_json(b'{"status": "ok"}', source="c.json", fields=FieldMap()))


def test_a_mapping_file(tmp_path: Path) -> None:
    path = tmp_path / "fields.json"
    path.write_text('{"text": "konten", "author": "redaksi"}', encoding="utf-8")
    fields = load_field_map(path)
    assert (fields.keys("text"), fields.keys("authors")) == (("konten",), ("redaksi",))


@pytest.mark.parametrize("item", ["text", "teks=body", "text="])
def test_a_bad_mapping_names_the_fields(item: str) -> None:
    with pytest.raises(IngestError, match=r"write FIELD=KEY with FIELD one of text, title"):
        parse_field_map([item])
