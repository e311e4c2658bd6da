"""The HTML graph in a real browser: Debian's Chromium driven by Playwright.

Never skipped: CI installs chromium (``.ci/run``). Pages are opened from
``file://`` with no server, as a user opens them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from kgraph.viz.network import to_networkx
from kgraph.viz.html import inline, write_html
from viz_samples import (
    HOSTILE_CLOSE,
    HOSTILE_IMG,
    HOSTILE_LINK,
    HOSTILE_SCRIPT,
    hostile_graph,
    random_graph,
    repeated_graph,
    small_graph,
)

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


class Page:
    """A page opened on a file, recording console errors, uncaught exceptions,
    requests and dialogs (an ``alert`` from injected script would show here)."""

    def __init__(self, browser, path: Path, *, width: int = 1400, height: int = 900, fit: bool = True):
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-drawn=true]", timeout=60_000)
        assert self.eval("window.kgraph.complete !== undefined"), f"{path} was made by an older kgraph: rebuild it"
        # Every entity drawn (those without relations join after the first draw).
        self.page.wait_for_selector("body[data-complete=true]", timeout=60_000)
        if fit:
            # Freeze the physics so the positions read below are where nodes stay.
            self.run("kgraph.network.stopSimulation(); kgraph.network.fit({animation: false});")

    def eval(self, expression: str, arg=None):
        """The value of a JavaScript expression (``arg`` is bound to ``arg``)."""
        return self.page.evaluate(f"(arg) => ({expression})", arg)

    def run(self, body: str, arg=None):
        """Run a JavaScript function body and return what it returns."""
        return self.page.evaluate(f"(arg) => {{ {body} }}", arg)

    def node_point(self, node: str) -> tuple[float, float]:
        return tuple(self.run("""
            const net = kgraph.network, box = document.getElementById('kg-network').getBoundingClientRect();
            const dom = net.canvasToDOM(net.getPosition(arg));
            return [box.left + dom.x, box.top + dom.y];""", node))

    def edge_point(self, edge: str) -> tuple[float, float]:
        return tuple(self.run("""
            const net = kgraph.network, box = document.getElementById('kg-network').getBoundingClientRect();
            const dom = net.canvasToDOM(net.body.edges[arg].edgeType.getPoint(0.5));
            return [box.left + dom.x, box.top + dom.y];""", edge))

    def pixels(self, points: dict) -> dict:
        """The canvas colour (r, g, b) under each page point."""
        self.run("kgraph.network.redraw();")
        return {key: tuple(rgb) for key, rgb in self.run("""
            const canvas = document.querySelector('#kg-network canvas');
            const box = canvas.getBoundingClientRect(), ratio = canvas.width / box.width;
            const ctx = canvas.getContext('2d'), out = {};
            for (const [key, [x, y]] of Object.entries(arg)) {
                const d = ctx.getImageData(Math.round((x - box.left) * ratio), Math.round((y - box.top) * ratio), 1, 1).data;
                out[key] = [d[0], d[1], d[2]];
            }
            return out;""", points).items()}

    def text(self, selector: str) -> str:
        return self.page.text_content(selector) or ""

    def close(self):
        self.page.close()


@pytest.fixture
def open_page(browser, tmp_path):
    opened = []

    def open_(kg, name="graph.html", *, width=1400, height=900, fit=True, **options) -> Page:
        page = Page(browser, write_html(kg, tmp_path / name, **options), width=width, height=height, fit=fit)
        opened.append(page)
        return page

    yield open_
    for page in opened:
        page.close()


def _assert_clean(page: Page):
    assert page.errors == []
    assert page.dialogs == []
    assert [url for url in page.requests if not url.startswith("file://")] == []


def _edges_drawn(page: Page) -> list[dict]:
    """The page's edges with their subject, object, relation and count."""
    return page.eval("kgraph.data.edges.map(e => ({from: e.from, to: e.to, relation: e.relation, "
                     "count: e.count, label: e.label}))")


def _assert_one_edge_per_fact(page: Page, statements: int):
    """No two edges share subject, relation and object; their counts add up to
    the statements between entities; an edge of several says so (×N)."""
    edges = _edges_drawn(page)
    assert len({(e["from"], e["to"], e["relation"]) for e in edges}) == len(edges)
    assert sum(e["count"] for e in edges) == statements
    for edge in edges:
        assert edge["label"].endswith(f" \u00d7{edge['count']}") == (edge["count"] > 1), edge
    assert page.eval("[kgraph.edges.length, kgraph.network.body.edgeIndices.length]") == [len(edges)] * 2


def test_browser_small_graph_draws_every_node_and_edge(open_page):
    kg = small_graph()
    graph = to_networkx(kg)
    page = open_page(kg)
    counts = page.eval("[kgraph.nodes.length, kgraph.edges.length, kgraph.network.body.nodeIndices.length, "
                       "kgraph.network.body.edgeIndices.length]")
    assert counts == [graph.number_of_nodes(), graph.number_of_edges()] * 2  # every statement differs here
    assert page.text("#kg-heading") == "5 entities, 7 statements between entities"
    _assert_clean(page)


def test_browser_empty_graph_page(open_page):
    from kgraph.graph import KnowledgeGraph

    page = open_page(KnowledgeGraph())
    assert page.eval("[kgraph.nodes.length, kgraph.edges.length]") == [0, 0]
    assert page.text("#kg-heading") == "0 entities, 0 statements between entities"
    _assert_clean(page)


@pytest.mark.model
def test_browser_seed_page_loads_offline(open_page):
    import kgraph

    kg = kgraph.build([ROOT / "seeds"])
    graph = to_networkx(kg)
    page = open_page(kg)
    assert page.eval("kgraph.nodes.length") == graph.number_of_nodes()
    _assert_one_edge_per_fact(page, graph.number_of_edges())
    # The article tells of one visit three times: one edge, ×3, every sentence.
    visits = [s for s in kg.statements if s.predicate == "visits" and s.object is not None
              and s.subject.key == "vladimir-putin" and s.object.key == "turkey" and not s.negated]
    assert len(visits) >= 2
    [edge] = [e for e in page.eval("kgraph.data.edges") if (e["from"], e["to"], e["relation"]) ==
              ("vladimir-putin", "turkey", "visits")]
    assert edge["count"] == len(visits) and edge["label"] == f"visits \u00d7{len(visits)}"
    page.page.mouse.click(*page.edge_point(edge["id"]))
    panel = page.text("#kg-panel")
    assert f"{len(visits)} statements" in panel
    for statement in visits:
        assert statement.sentence.text in panel
    page.page.fill("#kg-search", "erdogan")
    page.page.press("#kg-search", "Enter")
    focused = page.eval("kgraph.focused")
    assert "erdogan" in focused
    assert "Erdo" in page.text("#kg-panel h2")
    _assert_clean(page)


def test_browser_committed_showcase_page(browser):
    """output/graph.html, as committed, opens offline and draws the graph of the
    committed output/graph.ttl from the same build."""
    from kgraph.rdf.readback import read_graph

    page_path, turtle = ROOT / "output" / "graph.html", ROOT / "output" / "graph.ttl"
    assert page_path.exists() and turtle.exists(), "build the showcase: kgraph build seeds/"
    graph = to_networkx(read_graph(turtle))
    page = Page(browser, page_path)
    try:
        assert page.eval("kgraph.nodes.length") == graph.number_of_nodes()
        _assert_one_edge_per_fact(page, graph.number_of_edges())
        _assert_clean(page)
    finally:
        page.close()


def test_browser_legend_lists_classes_and_filters(open_page):
    kg = small_graph()
    page = open_page(kg)
    names = page.page.locator("#kg-legend-classes .kg-name").all_text_contents()
    counts = page.page.locator("#kg-legend-classes .kg-count").all_text_contents()
    assert list(zip(names, counts)) == [("City", "1"), ("Organization", "1"), ("Person", "3")]
    assert page.page.locator("#kg-legend-classes svg.kg-swatch").count() == 3
    edges_legend = page.text("#kg-legend-edges")
    assert "negated" in edges_legend and "hedged" in edges_legend

    page.page.uncheck("#kg-legend-classes input[value=Person]")
    visible = page.eval("kgraph.network.body.nodeIndices.slice().sort()")
    assert visible == ["orbis-council", "quellburg"]
    page.page.check("#kg-legend-classes input[value=Person]")
    assert page.eval("kgraph.network.body.nodeIndices.length") == 5

    page.page.uncheck("#kg-legend-relations input[value=meetsWith]")
    hidden = set(page.eval("kgraph.data.edges.filter(e => e.predicate === 'meetsWith').map(e => e.id)"))
    visible = set(page.eval("kgraph.network.body.edgeIndices"))
    assert len(hidden) == 2 and visible and not visible & hidden
    assert len(visible) == 7 - len(hidden)
    _assert_clean(page)


@pytest.mark.parametrize("query, key", [
    ("Varga", "tomas-varga"),             # alias
    ("the orbis council", "orbis-council"),  # alias, any case
    ("zofia crnkova", "zofia-crnkova"),   # without diacritics
    ("Quell", "quellburg"),               # prefix
])
def test_browser_search_focuses_an_entity(open_page, query, key):
    kg = small_graph()
    page = open_page(kg)
    page.page.fill("#kg-search", query)
    page.page.press("#kg-search", "Enter")
    assert page.eval("kgraph.focused") == key
    assert page.eval("kgraph.network.getSelectedNodes()") == [key]
    assert page.text("#kg-panel h2") == kg.entities[key].label
    _assert_clean(page)


def test_browser_search_says_when_nothing_matches(open_page):
    page = open_page(small_graph())
    page.page.fill("#kg-search", "Nobody Atall")
    page.page.click("#kg-search-button")
    assert "No entity matches" in page.text("#kg-search-status")
    assert page.eval("kgraph.focused") is None


def _rgb(hex_color: str) -> tuple[int, int, int]:
    return tuple(int(hex_color[i:i + 2], 16) for i in (1, 3, 5))


def test_browser_click_highlights_neighbourhood_and_opens_panel(open_page):
    kg = small_graph()
    page = open_page(kg)
    colors = {n["id"]: _rgb(n["color"]) for n in page.eval("kgraph.data.nodes")}
    points = {key: page.node_point(key) for key in kg.entities}
    page.page.mouse.move(5, 5)
    before = page.pixels(points)
    for key in ("mira-holt", "tomas-varga", "zofia-crnkova"):
        assert before[key] == pytest.approx(colors[key], abs=3), key

    page.page.mouse.click(*points["quellburg"])
    page.page.mouse.move(5, 5)
    assert page.eval("kgraph.focused") == "quellburg"
    after = page.pixels(points)
    assert after["mira-holt"] == pytest.approx(colors["mira-holt"], abs=3)  # the neighbour stays
    for key in ("tomas-varga", "orbis-council", "zofia-crnkova"):  # the rest fades to near white
        assert min(after[key]) > 200 and after[key] != pytest.approx(colors[key], abs=30), key

    panel = page.text("#kg-panel")
    assert page.text("#kg-panel h2") == "Quellburg"
    assert "Facts (2)" in panel
    assert "Mira Holt visited Quellburg on Monday." in panel
    assert "Holt tours Quellburg" in panel  # article title

    page.page.mouse.click(*points["mira-holt"])
    panel = page.text("#kg-panel")
    assert "Also known as" in panel and "Holt" in page.text("#kg-panel .kg-aliases")
    assert "Facts (6)" in panel and "1971" in panel and "negated" in panel and "hedged: may" in panel

    page.page.click("#kg-panel-close")
    assert page.page.is_hidden("#kg-panel")
    assert page.eval("kgraph.focused") is None
    page.page.mouse.move(5, 5)
    assert page.pixels(points)["tomas-varga"] == pytest.approx(colors["tomas-varga"], abs=3)
    _assert_clean(page)


def test_browser_tooltips_show_evidence_as_text(open_page):
    page = open_page(small_graph())
    page.page.mouse.move(*page.edge_point("e0"))
    page.page.wait_for_selector("#kg-tooltip:not([hidden])")
    tip = page.text("#kg-tooltip")
    assert "Mira Holt" in tip and "visits" in tip and "Mira Holt visited Quellburg on Monday." in tip
    page.page.mouse.move(*page.node_point("tomas-varga"))
    page.page.wait_for_function("document.getElementById('kg-tooltip').textContent.includes('also: Varga')")
    tip = page.text("#kg-tooltip")
    assert "Tomas Varga leads the Orbis Council." in tip and "Council news" in tip
    assert "3 statements" in tip
    _assert_clean(page)


def test_browser_hostile_article_runs_no_script(open_page):
    kg = hostile_graph()
    page = open_page(kg)
    nodes = page.eval("kgraph.nodes.getIds()")
    edges = page.eval("kgraph.edges.getIds()")
    assert sorted(nodes) == sorted(kg.entities) and len(edges) == 3
    seen = []
    for edge in edges:
        page.page.mouse.move(10, 10)
        page.page.mouse.move(*page.edge_point(edge))
        page.page.wait_for_selector("#kg-tooltip:not([hidden])")
        seen.append(page.text("#kg-tooltip"))
        page.page.mouse.click(*page.edge_point(edge))
        page.page.wait_for_selector("#kg-panel:not([hidden])")
        seen.append(page.text("#kg-panel"))
    for node in nodes:
        page.page.mouse.move(10, 10)
        page.page.mouse.move(*page.node_point(node))
        page.page.wait_for_selector("#kg-tooltip:not([hidden])")
        seen.append(page.text("#kg-tooltip"))
        page.page.mouse.click(*page.node_point(node))
        page.page.wait_for_selector("#kg-panel:not([hidden])")
        seen.append(page.text("#kg-panel"))
        page.page.click("#kg-panel-close")
    for query in (HOSTILE_IMG, "Bo"):
        page.page.fill("#kg-search", query)
        page.page.press("#kg-search", "Enter")
        seen.append(page.text("#kg-panel"))

    shown = "\n".join(seen)
    # The markup is shown, as text, wherever it belongs...
    for markup in (HOSTILE_SCRIPT, HOSTILE_IMG, HOSTILE_CLOSE, HOSTILE_LINK):
        assert markup in shown
    assert kg.articles["evil"].title in shown
    # ...and never became elements or ran.
    assert page.eval("window.__pwned") is None
    assert page.eval("document.scripts.length") == 3
    assert page.eval("document.querySelectorAll('img, a, iframe, [onerror], [onload], [href]').length") == 0
    _assert_clean(page)


def test_browser_large_graph_draws_without_physics(open_page):
    kg = random_graph(1200, 2400, seed=6)
    page = open_page(kg, max_nodes=1000)
    assert page.eval("[kgraph.nodes.length, kgraph.network.physics.options.enabled]") == [1000, False]
    assert "200 left out" in page.text("#kg-heading")
    _assert_clean(page)


def test_browser_entities_without_relations(open_page):
    kg = random_graph(400, 150, seed=7)  # big enough to freeze physics; many unconnected entities
    graph = to_networkx(kg)
    lonely = sorted(key for key in graph if graph.degree(key) == 0)
    assert lonely
    page = open_page(kg)
    # The page opens on the connected part: every connected entity is in view.
    connected = [key for key in graph if graph.degree(key) > 0]
    box = page.run("const b = document.getElementById('kg-network').getBoundingClientRect(); "
                   "return [b.left, b.top, b.right, b.bottom];")
    for key in connected:
        x, y = page.node_point(key)
        assert box[0] <= x <= box[2] and box[1] <= y <= box[3], key
    item = page.page.locator("#kg-legend-classes li.kg-unconnected")
    assert item.locator(".kg-count").text_content() == str(len(lonely))

    page.page.uncheck("#kg-legend-classes input[value='without relations']")
    visible = set(page.eval("kgraph.network.body.nodeIndices"))
    assert visible == set(connected)
    # Searching for a hidden entity shows it again rather than focus nothing.
    page.page.fill("#kg-search", kg.entities[lonely[0]].label)
    page.page.press("#kg-search", "Enter")
    assert page.eval("kgraph.focused") == lonely[0]
    assert page.page.is_checked("#kg-legend-classes input[value='without relations']")
    assert page.eval("kgraph.network.body.nodeIndices.length") == len(graph)
    _assert_clean(page)


def test_browser_inline_iframe_renders_isolated(browser, tmp_path):
    host = tmp_path / "notebook.html"
    host.write_text("<!DOCTYPE html><meta charset=utf-8><body>"
                    + inline(small_graph(), height=500)._repr_html_() + "</body>", encoding="utf-8")
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(host.as_uri())
    frame = page.frames[1]
    frame.wait_for_selector("body[data-complete=true]", timeout=60_000)
    assert frame.evaluate("kgraph.nodes.length") == 5
    # Search and the panel work inside the sandbox (which blocks form submission).
    frame.fill("#kg-search", "varga")
    frame.press("#kg-search", "Enter")
    assert frame.evaluate("kgraph.focused") == "tomas-varga"
    assert frame.text_content("#kg-panel h2") == "Tomas Varga"
    # Sandboxed without allow-same-origin: the page cannot reach the notebook.
    assert frame.evaluate("(() => { try { return window.parent.document.title; } "
                          "catch (err) { return 'blocked'; } })()") == "blocked"
    assert errors == []
    page.close()


def test_browser_fact_said_many_times_is_one_edge(open_page):
    """A sentence repeated 8,000 times drew 8,000 edges: now one, ×8002 with the
    other two sentences saying the same, wider, and every sentence in the panel."""
    page = open_page(repeated_graph(8000))
    _assert_one_edge_per_fact(page, 8003)
    assert page.eval("kgraph.edges.length") == 2
    korrin, brask = page.eval("kgraph.data.edges.map(e => e.id)")
    assert page.eval(f"kgraph.network.body.edges['{korrin}'].options.width") > \
        page.eval(f"kgraph.network.body.edges['{brask}'].options.width") == 1

    page.page.mouse.move(*page.edge_point(korrin))
    page.page.wait_for_selector("#kg-tooltip:not([hidden])")
    tip = page.text("#kg-tooltip")
    assert "Ada Vell \u2014 visits \u2192 Korrin \u00d78002" in tip
    assert "Ada Vell visited Korrin." in tip and "8000 times" in tip

    page.page.mouse.click(*page.edge_point(korrin))
    page.page.wait_for_selector("#kg-panel:not([hidden])")
    assert page.text("#kg-panel h2") == "8002 statements"
    evidence = page.page.locator("#kg-panel .kg-evidence").all_text_contents()
    assert len(evidence) == 3
    for sentence, article, times in [("Ada Vell visited Korrin.", "Vell on tour", "8000 times"),
                                     ("Ada Vell toured Korrin again.", "Vell on tour", "\u201ctoured\u201d"),
                                     ("Ada Vell visited Korrin in May.", "Vell back in Korrin", "confidence 0.9")]:
        assert any(sentence in item and article in item and times in item for item in evidence), sentence

    page.page.mouse.click(*page.node_point("ada-vell"))
    assert "Facts (8003)" in page.text("#kg-panel")
    assert page.page.locator("#kg-panel .kg-evidence").count() == 4
    _assert_clean(page)


def test_browser_names_the_central_entities_at_first_sight(open_page):
    """A graph the size of 50 news articles (hundreds of entities, most without
    relations): the page opens with the most central names readable, and shows
    others on zoom and hover."""
    kg = random_graph(450, 120, seed=3)
    page = open_page(kg, fit=False)  # the view the page opens on
    nodes = page.eval("kgraph.data.nodes.map(n => [n.id, n.size, n.degree])")
    central = [key for key, _, degree in sorted(nodes, key=lambda n: (-n[1], n[0])) if degree > 0]
    labelled = {item["id"]: item["box"] for item in page.eval("kgraph.labelled")}
    assert central[0] in labelled
    assert sum(key in labelled for key in central[:10]) >= 7
    assert 10 <= len(labelled) < len(nodes)
    width, height = page.eval("[document.getElementById('kg-network').clientWidth, "
                              "document.getElementById('kg-network').clientHeight]")
    for left, top, right, bottom in labelled.values():
        assert 0 <= left < right <= width and 0 <= top and bottom <= height
        assert bottom - top >= 15  # 13 px text: readable without zooming
    # The top name is on the canvas as dark text.
    left, top, right, bottom = labelled[central[0]]
    box = page.run("const b = document.getElementById('kg-network').getBoundingClientRect(); return [b.left, b.top];")
    points = {f"{x},{y}": (box[0] + x, box[1] + y)
              for x in range(int(left) + 2, int(right) - 2, 2) for y in range(int(top) + 3, int(bottom) - 3, 2)}
    assert min(sum(rgb) for rgb in page.pixels(points).values()) < 200

    # Hover names an entity that had no room...
    unnamed = [key for key in central if key not in labelled]
    assert unnamed
    page.page.mouse.move(*page.node_point(unnamed[-1]))
    page.page.wait_for_selector("#kg-tooltip:not([hidden])")
    assert unnamed[-1] in {item["id"] for item in page.eval("kgraph.labelled")}
    page.page.mouse.move(5, 5)
    # ...and so does zooming in on it.
    page.run("kgraph.network.moveTo({position: kgraph.network.getPosition(arg), scale: 2.5}); "
             "kgraph.network.redraw();", unnamed[0])
    assert unnamed[0] in {item["id"] for item in page.eval("kgraph.labelled")}
    _assert_clean(page)


def _visible_width(page: Page, selector: str) -> float:
    return page.eval(f"document.querySelector('{selector}').getBoundingClientRect().width")


def test_browser_phone_width_folds_the_legend(open_page):
    page = open_page(small_graph(), width=390, height=800)
    assert page.page.is_hidden("#kg-controls")
    assert page.page.get_attribute("#kg-legend-button", "aria-expanded") == "false"
    assert _visible_width(page, "#kg-network") == 390
    assert page.eval("document.documentElement.scrollWidth") <= 390  # nothing sticks out sideways

    page.page.click("#kg-legend-button")
    assert page.page.is_visible("#kg-controls")
    assert page.page.get_attribute("#kg-legend-button", "aria-expanded") == "true"
    page.page.uncheck("#kg-legend-classes input[value=Person]")
    assert sorted(page.eval("kgraph.network.body.nodeIndices")) == ["orbis-council", "quellburg"]
    page.page.click("#kg-legend-button")
    assert page.page.is_hidden("#kg-controls")

    page.page.mouse.click(*page.node_point("quellburg"))
    page.page.wait_for_selector("#kg-panel:not([hidden])")
    panel = page.eval("(() => { const b = document.getElementById('kg-panel').getBoundingClientRect(); "
                      "return [b.left, b.right]; })()")
    assert panel[0] >= 0 and panel[1] <= 390
    assert "Mira Holt visited Quellburg on Monday." in page.text("#kg-panel")
    _assert_clean(page)


def test_browser_wide_screen_legend_folds_on_request(open_page):
    page = open_page(small_graph())
    assert page.page.is_visible("#kg-controls")
    narrow = _visible_width(page, "#kg-network")
    page.page.click("#kg-legend-button")
    assert page.page.is_hidden("#kg-controls")
    assert page.page.get_attribute("#kg-legend-button", "aria-expanded") == "false"
    page.page.wait_for_function(f"document.getElementById('kg-network').getBoundingClientRect().width > {narrow}")
    page.page.click("#kg-legend-button")
    assert page.page.is_visible("#kg-controls")
    _assert_clean(page)
