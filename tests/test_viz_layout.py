"""kgraph.viz.layout: node positions for the HTML graph."""

from __future__ import annotations

from kgraph.viz.layout import layout
from kgraph.viz.network import to_networkx
from viz_samples import random_graph, small_graph


def test_layout_places_every_node_apart_and_packs_components():
    kg = random_graph(200, 120, seed=4)  # many small components and isolated nodes
    graph = to_networkx(kg)
    positions = layout(graph, seed=7)
    assert set(positions) == set(graph)
    assert len(set(positions.values())) == len(positions)
    assert positions == layout(to_networkx(random_graph(200, 120, seed=4)), seed=7)


def test_layout_keeps_components_apart():
    kg = small_graph()
    graph = to_networkx(kg)
    graph.add_edge("island-a", "island-b")
    positions = layout(graph)
    main = [positions[k] for k in kg.entities]
    island = [positions["island-a"], positions["island-b"]]
    box = lambda points: (min(p[0] for p in points), max(p[0] for p in points),  # noqa: E731
                          min(p[1] for p in points), max(p[1] for p in points))
    a, b = box(main), box(island)
    assert a[1] < b[0] or b[1] < a[0] or a[3] < b[2] or b[3] < a[2]


def test_layout_does_not_depend_on_hash_seed():
    """Components smaller than half the graph are laid out from their edges in a
    fixed order (a networkx subgraph view listed them in set order)."""
    import subprocess
    import sys
    from pathlib import Path

    # Four components of 60 entities each: every one under half of the graph.
    code = (
        "import hashlib, json, sys; import networkx as nx; from kgraph.viz.layout import layout; "
        "g = nx.disjoint_union_all([nx.gnm_random_graph(60, 150, seed=s) for s in range(4)]); "
        "g = nx.relabel_nodes(g, {n: f'n{n:03d}' for n in g}); "
        "sys.stdout.write(hashlib.sha256(json.dumps(sorted(layout(g).items())).encode()).hexdigest())"
    )
    digests = {
        subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parent, capture_output=True,
                       text=True, check=True, env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1
