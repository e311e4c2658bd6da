"""kgraph.viz.html: the pyvis network and the offline page, checked
without a browser (tests/test_browser.py drives the page in Chromium)."""

from __future__ import annotations

import html.parser
import json
import re

import pytest

from kgraph.viz.analytics import pagerank
from kgraph.viz.network import to_networkx
from kgraph.viz.html import CLASS_STYLES, PHYSICS_LIMIT, inline, render, to_html, to_pyvis, write_html
from viz_samples import (
    HOSTILE_CLOSE,
    HOSTILE_IMG,
    HOSTILE_SCRIPT,
    hostile_graph,
    random_graph,
    repeated_graph,
    small_graph,
)


class _Tags(html.parser.HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def _data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    return json.loads(match.group(1))


def test_viz_page_is_self_contained():
    page = to_html(small_graph())
    tags = _parse(page)
    names = [tag for tag, _ in tags.tags]
    assert "link" not in names and "iframe" not in names and "img" not in names
    for tag, attrs in tags.tags:
        assert "src" not in attrs and "href" not in attrs, tag
    assert names.count("script") == 3
    csp = next(a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1]
    assert not re.search(r"@import|url\(\s*['\"]?https?:", page)


def test_viz_page_lists_every_node_and_edge():
    kg = small_graph()
    graph = to_networkx(kg)
    data = _data(to_html(kg))
    assert sorted(n["id"] for n in data["nodes"]) == sorted(graph.nodes)
    # Every statement between two entities says something different here: one edge each.
    assert sorted((e["from"], e["to"], e["count"], e["evidence"][0]["sentence"]) for e in data["edges"]) == sorted(
        (s.subject.key, s.object.key, 1, s.sentence.text) for s in kg.statements if s.object is not None)
    assert data["heading"] == "5 entities, 7 statements between entities"
    assert [c["name"] for c in data["legend"]["classes"]] == ["City", "Organization", "Person"]


def test_viz_nodes_styled_by_class_and_sized_by_pagerank():
    kg = small_graph()
    net = to_pyvis(kg)
    ranks = pagerank(to_networkx(kg))
    for node in net.nodes:
        assert (node["color"], node["shape"]) == CLASS_STYLES[node["cls"]]
    by_rank = sorted(net.nodes, key=lambda n: ranks[n["id"]])
    assert [n["size"] for n in by_rank] == sorted(n["size"] for n in net.nodes)
    assert by_rank[-1]["size"] == 40
    assert net.node_map["mira-holt"]["aliases"] == ["Holt", "Mira Holt"]
    assert net.node_map["mira-holt"]["facts"][0]["value"] == "1971"
    assert net.node_map["mira-holt"]["degree"] == 5 and net.node_map["zofia-crnkova"]["degree"] == 1


def test_viz_parallel_edges_curve_apart_and_flags_are_drawn():
    net = to_pyvis(small_graph())
    edges = {(e["from"], e["to"], e["relation"]): e for e in net.edges}
    parallel = [edges["mira-holt", "quellburg", "visits"], edges["mira-holt", "quellburg", "praised"]]
    assert parallel[0]["smooth"]["type"] == parallel[1]["smooth"]["type"] == "curvedCW"
    assert parallel[0]["smooth"]["roundness"] != parallel[1]["smooth"]["roundness"]
    # An edge alone between its two entities is straight, as are the defaults.
    alone = edges["tomas-varga", "orbis-council", "leaderOf"]
    assert "smooth" not in alone and net.options["edges"]["smooth"] is False
    assert net.options["edges"]["arrows"]["to"]["enabled"]
    negated = edges["mira-holt", "tomas-varga", "not meetsWith"]
    hedged = edges["mira-holt", "orbis-council", "visits (may)"]
    plain = parallel[0]
    assert negated["dashes"] and negated["label"] == "not meetsWith" and negated["negated"]
    assert hedged["dashes"] and hedged["color"]["opacity"] < 1 and hedged["modality"] == "may"
    assert "dashes" not in plain and "color" not in plain  # the default grey
    assert negated["color"]["color"] != net.options["edges"]["color"]["color"]
    assert parallel[1]["label"] == "praised"  # relatedTo shows its wording
    assert plain["evidence"] == [{"wording": "visited", "confidence": 0.9, "count": 1,
                                  "sentence": "Mira Holt visited Quellburg on Monday.",
                                  "article": "Holt tours Quellburg"}]


@pytest.mark.parametrize("times", [1, 3, 8000])
def test_viz_one_edge_per_subject_relation_object(times):
    """A fact said again is one edge with its count and every sentence, not one
    edge per statement (a sentence repeated 8,000 times drew 8,000 edges)."""
    kg = repeated_graph(times)
    net = to_pyvis(kg)
    assert len(kg.statements) == times + 3 and len(net.edges) == 2
    korrin, brask = net.edges
    assert (korrin["to"], korrin["count"], brask["to"], brask["count"]) == ("korrin", times + 2, "brask", 1)
    assert korrin["label"] == f"visits \u00d7{times + 2}" and brask["label"] == "not visits"
    assert [(e["sentence"], e["article"], e["wording"], e["count"], e["confidence"]) for e in korrin["evidence"]] == [
        ("Ada Vell visited Korrin.", "Vell on tour", "visited", times, 0.8),
        ("Ada Vell toured Korrin again.", "Vell on tour", "toured", 1, 0.6),
        ("Ada Vell visited Korrin in May.", "Vell back in Korrin", "visited", 1, 0.9),
    ]
    assert korrin["confidence"] == 0.9
    assert 1 < korrin["width"] <= 8 and brask["width"] == 1
    assert net.heading == f"3 entities, {times + 3:,} statements between entities"
    data = _data(render(net))
    assert data["legend"]["relations"] == [{"name": "visits", "count": times + 3}]


def test_viz_edge_width_grows_with_statements():
    widths = [to_pyvis(repeated_graph(times)).edges[0]["width"] for times in (1, 2, 10, 100, 8000)]
    assert widths == sorted(widths) and len(set(widths)) == len(widths) and widths[-1] == 8


def test_viz_max_nodes_keeps_the_most_central():
    kg = random_graph(60, 150, seed=1)
    ranks = pagerank(to_networkx(kg))
    net = to_pyvis(kg, max_nodes=10)
    kept = {n["id"] for n in net.nodes}
    assert kept == set(sorted(ranks, key=lambda k: (-ranks[k], k))[:10])
    assert all(e["from"] in kept and e["to"] in kept for e in net.edges)
    assert "the 10 most central of 60 entities; 50 left out" in net.heading


@pytest.mark.parametrize("nodes, physics", [(PHYSICS_LIMIT, True), (PHYSICS_LIMIT + 1, False)])
def test_viz_physics_only_for_small_graphs(nodes, physics):
    net = to_pyvis(random_graph(nodes, nodes, seed=2))
    assert net.options["physics"]["enabled"] is physics
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in net.nodes)


def test_viz_page_is_deterministic_and_utf8(tmp_path):
    kg = small_graph()
    first = write_html(kg, tmp_path / "a.html")
    second = write_html(small_graph(), tmp_path / "b.html")
    assert first.read_bytes() == second.read_bytes()
    assert "Žofia Črnková".encode("utf-8") in first.read_bytes()
    assert first.read_bytes().startswith(b"<!DOCTYPE html>")


def test_viz_hostile_text_stays_inside_the_data_block():
    kg = hostile_graph()
    page = to_html(kg)
    tags = _parse(page)
    assert [tag for tag, _ in tags.tags].count("script") == 3
    assert [tag for tag, _ in tags.tags].count("img") == 0
    data = _data(page)
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels == {key: e.label for key, e in kg.entities.items()}
    assert HOSTILE_SCRIPT in data["nodes"][0]["aliases"]
    assert any(said["article"].startswith(HOSTILE_SCRIPT + HOSTILE_IMG)
               for e in data["edges"] for said in e["evidence"])
    block = page.split('id="kg-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block and HOSTILE_CLOSE not in block


def test_viz_render_uses_adjusted_network():
    net = to_pyvis(small_graph())
    net.heading = "My <own> heading"
    net.nodes = [n for n in net.nodes if n["cls"] == "Person"]
    data = _data(render(net))
    assert data["heading"] == "My <own> heading"
    assert {n["cls"] for n in data["nodes"]} == {"Person"}


def test_viz_inline_is_a_sandboxed_srcdoc_iframe():
    frame = inline(small_graph(), height=400)._repr_html_()
    tags = _parse(frame)
    assert [tag for tag, _ in tags.tags] == ["iframe"]
    attrs = tags.tags[0][1]
    assert attrs["sandbox"] == "allow-scripts"
    assert "height:400px" in attrs["style"]
    assert attrs["srcdoc"] == to_html(small_graph())


def test_viz_negative_max_nodes_is_an_error():
    with pytest.raises(ValueError, match="max_nodes"):
        to_pyvis(small_graph(), max_nodes=-1)


def test_viz_page_bytes_do_not_depend_on_hash_seed():
    import hashlib
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import hashlib, sys; from viz_samples import random_graph; from kgraph.viz.html import to_html; "
        "sys.stdout.write(hashlib.sha256(to_html(random_graph(400, 500, seed=8)).encode()).hexdigest())"
    )
    tests = Path(__file__).resolve().parent
    digests = {
        subprocess.run([sys.executable, "-c", code], cwd=tests, capture_output=True, text=True, check=True,
                       env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}).stdout
        for seed in ("1", "2")
    }
    expected = hashlib.sha256(to_html(random_graph(400, 500, seed=8)).encode()).hexdigest()
    assert digests == {expected}


def test_viz_a_subclass_is_drawn_as_its_nearest_styled_class(tmp_path):
    import dataclasses

    from kgraph.ontology import load_ontology
    from kgraph.viz.html import FALLBACK_STYLE, class_style

    path = tmp_path / "mine.ttl"
    path.write_text(load_ontology().graph.serialize(format="turtle") + """
@prefix ex: <http://example.org/mine#> .
ex:Town a owl:Class ; rdfs:subClassOf kg:City .
ex:Thing a owl:Class ; rdfs:subClassOf kg:Entity .
""", encoding="utf-8")
    onto = load_ontology(path)
    assert class_style(onto, "Town") == CLASS_STYLES["City"]
    assert class_style(onto, "Country") == CLASS_STYLES["Country"]  # its own style, not Place's
    assert class_style(onto, "Thing") == FALLBACK_STYLE
    kg = small_graph()
    kg = dataclasses.replace(kg, ontology=onto, entities={
        key: dataclasses.replace(e, type="Town") if e.type == "City" else e for key, e in kg.entities.items()})
    net = to_pyvis(kg)
    towns = [node for node in net.nodes if node["cls"] == "Town"]
    assert towns and all((n["color"], n["shape"]) == CLASS_STYLES["City"] for n in towns)
