"""The knowledge graph as an interactive, self-contained HTML page.

:func:`to_pyvis` builds a pyvis ``Network`` (nodes and edges as vis-network
dicts, positions computed here); :func:`render` turns such a network into one
offline HTML page with our own template: vis-network is inlined from the pyvis
package, the graph travels as JSON, and the page script builds every tooltip and
panel with ``textContent``, so article text never becomes markup. A
Content-Security-Policy allows only the page's own two scripts and no network
request. :func:`write_html` writes the page atomically; :func:`inline` wraps it
in a sandboxed ``<iframe srcdoc>`` for Jupyter.

pyvis's own ``show``/``write_html`` are not used: their template loads
resources from a CDN (or links Bootstrap even when inlining vis.js), ``show``
fails in pyvis 0.3.2, and ``add_node``/``add_edge`` scan lists on every call.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from kgraph.io.files import atomic_write
from kgraph.viz.layout import layout
from kgraph.viz.analytics import pagerank
from kgraph.viz.network import to_networkx

if TYPE_CHECKING:  # pragma: no cover
    import pyvis.network

    from kgraph.graph import KnowledgeGraph

__all__ = [
    "CLASS_STYLES",
    "class_style",
    "PHYSICS_LIMIT",
    "to_pyvis",
    "render",
    "to_html",
    "write_html",
    "inline",
    "InlineGraph",
]

_ASSETS = Path(__file__).resolve().parent / "assets"

# Colour (Tableau 10) and vis-network shape per ontology class, a subclass before
# its parents (a Country is a Place): a class not listed here takes the style of
# the first listed class it descends from (:func:`class_style`).
CLASS_STYLES: dict[str, tuple[str, str]] = {
    "Person": ("#4e79a7", "dot"),
    "Organization": ("#f28e2b", "square"),
    "Group": ("#b07aa1", "triangle"),
    "Country": ("#59a14f", "diamond"),
    "City": ("#8cd17d", "triangleDown"),
    "Place": ("#76b7b2", "hexagon"),
    "Event": ("#e15759", "star"),
    "Work": ("#edc948", "square"),
}
FALLBACK_STYLE = ("#9d9d9d", "dot")
_STYLED = tuple(CLASS_STYLES)

# Above this many nodes the browser's physics takes too long to settle (minutes
# at 3,000 nodes), so the page shows the layout computed here, frozen.
PHYSICS_LIMIT = 300

EDGE_COLOR = "#7b8089"
NEGATED_COLOR = "#c0392b"
HEDGED_OPACITY = 0.4
_SEED = 42


def _sizes(ranks: dict[str, float]) -> dict[str, float]:
    """Node radius 8..40 by the square root of PageRank (area follows rank)."""
    top = max(ranks.values(), default=0) or 1.0
    return {key: round(8 + 32 * math.sqrt(value / top), 1) for key, value in ranks.items()}


def _edge_label(statement) -> str:
    # kg:relatedTo says nothing; the words that expressed the relation do.
    label = statement.relation_text if statement.predicate == "relatedTo" else statement.predicate
    if statement.negated:
        label = f"not {label}"
    if statement.modality:
        label = f"{label} ({statement.modality})"
    return label


def _edge_width(count: int) -> float:
    """Line width by the number of statements an edge stands for: 1 for one,
    +1 per doubling, at most 8 (from 128 on: a sentence repeated 8,000 times is
    one thick edge, not 8,000)."""
    return round(min(8.0, 1 + math.log2(count)), 2)


def _edge_style(statement, roundness: float | None) -> dict:
    """What sets an edge apart from the defaults in :func:`_options` (grey,
    straight, arrow at the object): red and dashed when negated, faded and
    dotted when hedged, curved by ``roundness`` when it shares its two entities
    with other edges. Straight lines draw several times faster than curves, whose
    arrow heads vis-network places by searching along the curve."""
    style: dict = {}
    if statement.negated:
        style["color"] = {"color": NEGATED_COLOR, "highlight": NEGATED_COLOR, "hover": NEGATED_COLOR}
        style["dashes"] = [8, 5]
    elif statement.modality:
        style["color"] = {"opacity": HEDGED_OPACITY}
        style["dashes"] = [2, 4]
    if roundness is not None:
        style["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": roundness}
    return style


def _kept(ranks: dict[str, float], max_nodes: int | None) -> set[str]:
    if max_nodes is None or max_nodes >= len(ranks):
        return set(ranks)
    if max_nodes < 0:
        raise ValueError(f"max_nodes must be 0 or more, not {max_nodes}")
    order = sorted(ranks, key=lambda key: (-ranks[key], key))
    return set(order[:max_nodes])


def to_pyvis(kg: "KnowledgeGraph", *, max_nodes: int | None = None) -> "pyvis.network.Network":
    """Return ``kg`` as a directed pyvis ``Network``.

    Nodes are entities, coloured and shaped by class (:func:`class_style`),
    sized by PageRank, placed by :func:`kgraph.viz.layout.layout`; besides the
    vis-network fields each node dict carries ``cls``, ``aliases``, ``facts``
    (statements with a literal object, each with ``value``, ``predicate``,
    ``negated``, ``modality`` and the evidence fields below) and ``degree``
    (statements with other drawn entities). There is one edge per subject,
    relation and object: its statements share a label, ``count`` is how many
    there are (the label ends in ``×N`` and the line is wider when more than
    one), ``evidence`` lists each distinct ``sentence``/``article`` (title, else
    id)/``wording`` (the relation's words) with its ``count`` and highest
    ``confidence``. Edges between the same two entities curve apart; negated
    ones are dashed and red, hedged ones dotted and faded; each edge dict also carries
    ``relation`` (the label without the count), ``predicate``, ``negated``,
    ``modality`` and ``confidence`` (the highest).

    ``max_nodes`` keeps only the most central entities (by PageRank, ties by
    key); ``net.heading`` then says how many were left out. Above
    :data:`PHYSICS_LIMIT` nodes physics is off and the layout stays as computed.
    Raises ``ValueError`` for a negative ``max_nodes``.
    """
    from pyvis.network import Network

    graph = to_networkx(kg)
    ranks = pagerank(graph)
    kept = _kept(ranks, max_nodes)
    if len(kept) < graph.number_of_nodes():
        # A subgraph view filters every lookup: 2 of the 5 s of a BBC page.
        graph = graph.subgraph(kept)
    positions = layout(graph, seed=_SEED)
    sizes = _sizes(ranks)

    facts = _literal_facts(kg, kept)
    edges = _edges(kg, kept)

    nodes = []
    for key in sorted(kept):
        data = graph.nodes[key]
        color, shape = class_style(kg.ontology, data["type"])
        x, y = positions[key]
        nodes.append({
            "id": key, "label": data["label"], "shape": shape, "color": color,
            "size": sizes[key], "x": x, "y": y,
            "cls": data["type"], "aliases": list(data["aliases"]), "facts": facts.get(key, []),
            "degree": graph.degree(key),
        })

    net = Network(height="100%", width="100%", directed=True)
    # Bulk assignment: Network.add_node/add_edge search Python lists on every
    # call (quadratic), and add_nodes turns number-like keys into ints.
    net.nodes = nodes
    net.node_ids = [node["id"] for node in nodes]
    net.node_map = {node["id"]: node for node in nodes}
    net.edges = edges
    net.heading = _heading(len(nodes), sum(edge["count"] for edge in edges), len(ranks))
    net.options = _options(len(nodes))
    return net


def _evidence(kg: "KnowledgeGraph", statement) -> dict:
    article = kg.articles.get(statement.article_id)
    return {
        "wording": statement.relation_text,
        "confidence": round(statement.confidence, 3),
        "sentence": statement.sentence.text,
        "article": (article.title if article is not None and article.title else statement.article_id),
    }


def _literal_facts(kg: "KnowledgeGraph", kept: set[str]) -> dict[str, list[dict]]:
    """Statements with a literal object, by subject key, in statement order."""
    facts: dict[str, list[dict]] = defaultdict(list)
    for statement in kg.statements:
        if statement.object is None and statement.subject.key in kept:
            facts[statement.subject.key].append({
                **_evidence(kg, statement), "predicate": statement.predicate,
                "negated": statement.negated, "modality": statement.modality, "value": statement.literal,
            })
    return facts


def _edges(kg: "KnowledgeGraph", kept: set[str]) -> list[dict]:
    """One edge dict per subject, label (relation, negation and hedge) and
    object between ``kept`` entities, in the order of its first statement."""
    grouped: dict[tuple[str, str, str], tuple[object, dict[tuple, dict]]] = {}
    for statement in kg.statements:
        if statement.object is None or not {statement.subject.key, statement.object.key} <= kept:
            continue
        key = (statement.subject.key, statement.object.key, _edge_label(statement))
        first, said = grouped.setdefault(key, (statement, {}))
        evidence = _evidence(kg, statement)
        # A sentence repeated in an article is one piece of evidence said N times.
        known = said.setdefault((evidence["sentence"], evidence["article"], evidence["wording"]),
                                {**evidence, "count": 0})
        known["count"] += 1
        known["confidence"] = max(known["confidence"], evidence["confidence"])

    pairs = Counter((min(source, target), max(source, target)) for source, target, _ in grouped)
    drawn: Counter = Counter()
    edges = []
    for number, ((source, target, label), (first, said)) in enumerate(grouped.items()):
        evidence = list(said.values())
        count = sum(item["count"] for item in evidence)
        pair = (min(source, target), max(source, target))
        roundness = round(0.1 + 0.2 * drawn[pair], 2) if pairs[pair] > 1 else None
        drawn[pair] += 1
        edges.append({
            "id": f"e{number}",
            "from": source,
            "to": target,
            "label": label if count == 1 else f"{label} \u00d7{count}",
            "width": _edge_width(count),
            **_edge_style(first, roundness),
            "relation": label,
            "predicate": first.predicate,
            "negated": first.negated,
            "modality": first.modality,
            "count": count,
            "confidence": max(item["confidence"] for item in evidence),
            "evidence": evidence,
        })
    return edges


def _heading(shown: int, statements: int, total: int) -> str:
    heading = f"{shown:,} entities, {statements:,} statements between entities"
    if shown < total:
        heading += (
            f" (the {shown:,} most central of {total:,} entities; "
            f"{total - shown:,} left out by --max-nodes)"
        )
    return heading


def _options(nodes: int) -> dict:
    """vis-network options: physics only for graphs small enough to settle fast."""
    big = nodes > PHYSICS_LIMIT
    physics = {"enabled": False} if big else {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
        "stabilization": {"enabled": True, "iterations": 300, "fit": True},
    }
    return {
        "autoResize": True,
        "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "sans-serif"}},
        "edges": {
            "width": 1,
            "selectionWidth": 2,
            "color": {"color": EDGE_COLOR, "highlight": EDGE_COLOR, "hover": EDGE_COLOR, "opacity": 1.0},
            "smooth": False,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {"size": 10, "align": "middle", "color": "#444", "strokeWidth": 3},
        },
        "physics": physics,
        "layout": {"randomSeed": _SEED, "improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
        },
    }


def _json_for_script(value) -> str:
    """JSON that cannot end the ``<script>`` element holding it: ``<``, ``>`` and
    ``&`` become ``\\u`` escapes, which JSON.parse turns back into characters."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def class_style(ontology, cls: str) -> tuple[str, str]:
    """The colour and shape of the class ``cls`` of ``ontology``: those of the
    first class of :data:`CLASS_STYLES` it is or descends from (a user's
    ``ex:Town`` under ``kg:City`` is drawn as a City), else :data:`FALLBACK_STYLE`."""
    base = ontology.base(cls, _STYLED)
    return CLASS_STYLES[base] if base is not None else FALLBACK_STYLE


def _legend(net) -> dict:
    classes = Counter(node["cls"] for node in net.nodes)
    styles = {node["cls"]: (node["color"], node["shape"]) for node in net.nodes}
    relations: Counter = Counter()
    for edge in net.edges:
        relations[edge["predicate"]] += edge.get("count", 1)
    return {
        "classes": [
            {"name": name, "count": count, "color": styles[name][0], "shape": styles[name][1]}
            for name, count in sorted(classes.items())
        ],
        "relations": [{"name": name, "count": count} for name, count in sorted(relations.items())],
        "edges": {"color": EDGE_COLOR, "negated": NEGATED_COLOR, "hedged": HEDGED_OPACITY},
    }


def _script_hash(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _vis_js() -> str:
    import pyvis

    path = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
    return path.read_text(encoding="utf-8")


def render(net: "pyvis.network.Network", *, title: str = "kgraph") -> str:
    """The offline HTML page (a ``str``) of a network made by :func:`to_pyvis`,
    possibly adjusted since (its ``nodes``, ``edges``, ``options``, ``heading``)."""
    data = {
        "heading": net.heading,
        "nodes": net.nodes,
        "edges": net.edges,
        "options": net.options if isinstance(net.options, dict) else json.loads(net.options.to_json()),
        "legend": _legend(net),
    }
    vis_js = _vis_js()
    app_js = (_ASSETS / "graph.js").read_text(encoding="utf-8")
    parts = {
        "title": html.escape(title),
        "csp": (
            "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            f"script-src {_script_hash(vis_js)} {_script_hash(app_js)}"
        ),
        "style": (_ASSETS / "graph.css").read_text(encoding="utf-8"),
        "data": _json_for_script(data),
        "vis": vis_js,
        "app": app_js,
    }
    template = (_ASSETS / "graph.html").read_text(encoding="utf-8")
    # One pass, so text inside one part is never taken for another placeholder.
    return re.sub(r"\{\{(\w+)\}\}", lambda match: parts[match.group(1)], template)


def to_html(kg: "KnowledgeGraph", *, max_nodes: int | None = None, title: str = "kgraph") -> str:
    """The offline HTML page of ``kg`` (see :func:`to_pyvis` for ``max_nodes``)."""
    return render(to_pyvis(kg, max_nodes=max_nodes), title=title)


def write_html(kg: "KnowledgeGraph", path: str | Path, *, max_nodes: int | None = None) -> Path:
    """Write the offline HTML page of ``kg`` to ``path`` as UTF-8, atomically,
    and return the path."""
    path = Path(path)
    with atomic_write(path) as handle:
        handle.write(to_html(kg, max_nodes=max_nodes))
    return path


class InlineGraph:
    """What :func:`inline` returns: Jupyter displays it through ``_repr_html_``;
    ``html`` is the ``<iframe>`` element."""

    def __init__(self, html_text: str):
        self.html = html_text

    def __repr__(self) -> str:
        # Stable (no memory address), so executed notebooks do not change every run.
        return f"<InlineGraph: kgraph page in a sandboxed iframe, {len(self.html):,} characters>"

    def _repr_html_(self) -> str:
        return self.html


def inline(kg: "KnowledgeGraph", *, max_nodes: int | None = None, height: int = 600) -> InlineGraph:
    """The page in a sandboxed ``<iframe srcdoc>``, for notebooks: it renders in
    JupyterLab and the classic notebook without a server or a file, and the
    page's scripts cannot reach the notebook (no ``allow-same-origin``)."""
    page = html.escape(to_html(kg, max_nodes=max_nodes), quote=True)
    return InlineGraph(
        f'<iframe sandbox="allow-scripts" srcdoc="{page}" '
        f'style="width:100%;height:{int(height)}px;border:1px solid #ddd"></iframe>'
    )
