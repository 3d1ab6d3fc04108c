"""The browser view in real headless Chromium: loads cleanly, draws, searches, clicks, filters."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import kg
from kg.export.style import TYPE_COLORS

sys.path.insert(0, str(Path(__file__).parent))
from chromium import Browser, chromium_binary, drawn_colours

BINARY = chromium_binary()
pytestmark = pytest.mark.skipif(
    BINARY is None, reason="chromium is not installed (.ci/run installs Debian's chromium)"
)
pytest.importorskip("websocket", reason="websocket-client is in the dev extra")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    graph = kg.KnowledgeGraph("memory")
    graph.build([seed_path])  # the counts below are the seed article's
    path = graph.viz(tmp_path_factory.mktemp("viz") / "graph.html")
    graph.close()
    return path


@pytest.fixture
def browser(page: Path) -> Iterator[Browser]:
    assert BINARY is not None
    with Browser(BINARY) as b:
        b.open(page)
        b.wait_for("document.body.getAttribute('data-ready') === 'true'")
        yield b


def test_the_page_is_one_offline_file(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert "cytoscape" in text
    assert "<script src" not in text
    assert '<link rel="stylesheet"' not in text
    assert "https://cdn" not in text


def test_loads_without_errors_and_draws(browser: Browser, tmp_path: Path) -> None:
    assert browser.evaluate("kgView.cy.nodes().length") == 10
    assert browser.evaluate("kgView.cy.edges().length") == 9
    shot = browser.screenshot(tmp_path / "view.png")
    colours = drawn_colours(shot, (400, 0, 1280, 600))  # the graph pane, right of the sidebar
    for kind in ("Person", "Organization", "Place", "Event"):
        assert colours.get(TYPE_COLORS[kind], 0) > 100, f"no {kind} node drawn"
    assert browser.errors() == []


def test_searching_selects_the_entity(browser: Browser) -> None:
    browser.evaluate("document.getElementById('search').focus()")
    browser.type_text("Bima Arya Sugiarto")
    browser.press_enter()
    browser.wait_for("kgView.cy.$('node:selected').length === 1")
    assert browser.evaluate("kgView.cy.$('node:selected').data('label')") == "Bima Arya Sugiarto"
    info = browser.evaluate("document.getElementById('info').innerText")
    assert "mayorOf" in info
    assert "Wali Kota Bogor Bima Arya Sugiarto hadir sebagai pembicara" in info
    assert browser.errors() == []


def test_search_finds_an_alias_in_any_case(browser: Browser) -> None:
    assert browser.evaluate("kgView.search('uclg aspac')") == (
        "org/united-cities-and-local-governments-asia-pasific"
    )
    assert "Bernadia Irawati Tjandradewi" in browser.evaluate(
        "document.getElementById('info').innerText"
    )


def test_clicking_a_node_shows_its_facts_and_articles(browser: Browser) -> None:
    x, y = browser.evaluate(
        "(() => { const p = kgView.cy.getElementById('place/kemendagri/32.71').renderedPosition();"
        " const r = document.getElementById('cy').getBoundingClientRect();"
        " return [p.x + r.left, p.y + r.top]; })()"
    )
    browser.click(x, y)
    browser.wait_for("document.getElementById('info').getAttribute('data-selected')")
    assert browser.evaluate("document.getElementById('selected-label').textContent") == "Kota Bogor"
    info = browser.evaluate("document.getElementById('info').innerText")
    assert "memberOf" in info
    assert "Source articles (1)" in info.replace("SOURCE ARTICLES", "Source articles")


def test_filters_by_type_and_date(browser: Browser) -> None:
    visible = "kgView.cy.nodes().not('.hidden').length"
    browser.evaluate(
        "(() => { const b = document.querySelector('input[data-type=Person]'); b.click(); })()"
    )
    assert browser.evaluate(visible) == 7
    browser.evaluate(
        "(() => { const d = document.getElementById('date-from'); d.value = '2018-01-01';"
        " d.dispatchEvent(new Event('change')); })()"
    )
    assert browser.evaluate(visible) == 0
    browser.evaluate(
        "(() => { const d = document.getElementById('date-from'); d.value = '2017-06-01';"
        " d.dispatchEvent(new Event('change')); })()"
    )
    assert browser.evaluate(visible) == 7
    assert browser.errors() == []


def test_an_entity_with_more_facts_than_shown_says_how_many(
    tmp_path: Path, seed_path: Path
) -> None:
    with kg.KnowledgeGraph("memory") as graph:
        graph.build([seed_path])
        page = graph.viz(tmp_path / "one-fact.html", facts=1)
    assert BINARY is not None
    with Browser(BINARY) as b:
        b.open(page)
        b.wait_for("document.body.getAttribute('data-ready') === 'true'")
        b.evaluate("kgView.select('place/kemendagri/32.71', true)")
        b.wait_for("document.getElementById('info').getAttribute('data-selected')")
        info = b.evaluate("document.getElementById('info').innerText")
        assert b.errors() == []
    assert re.search(r"Facts \(1 of [2-9]\d*, the best supported\)", info, re.I), info
