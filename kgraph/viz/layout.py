"""Node positions for the HTML graph, computed in Python so that a page of
thousands of nodes draws at once with the browser's physics off.

networkx's spring layouts take 30-70 s for 3,000 nodes on two cores (every
iteration computes all pairwise forces). This is the grid variant of
Fruchterman-Reingold: repulsion only between nodes closer than a cut-off, found
with a k-d tree, so one iteration costs about O(n log n). Each connected
component is laid out on its own and the components are packed in rows,
largest first, so small islands do not drift over the main graph.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

from kgraph.viz.network import simple_graph

__all__ = ["layout"]

_IDEAL = 1.0  # ideal edge length in layout units; scaled to pixels at the end
_CUTOFF = 3.0  # repulsion reaches this many ideal lengths
_ITERATIONS = 80
_SMALL = 64  # components up to this size use all pairs instead of a k-d tree


def _scatter(index: np.ndarray, vectors: np.ndarray, size: int) -> np.ndarray:
    """Sum ``vectors`` into ``size`` rows by ``index`` (bincount is ~20x faster
    than ``np.add.at``)."""
    return np.stack(
        [np.bincount(index, weights=vectors[:, axis], minlength=size) for axis in (0, 1)], axis=1
    )


def _force_directed(size: int, edges: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Positions (``size`` x 2) for one connected component whose edges are
    ``edges`` (m x 2 node indices)."""
    # Most components of a news graph are single entities or pairs: place them
    # directly, as iterating costs the same per component whatever its size.
    if size == 1:
        return np.zeros((1, 2))
    if size == 2:
        return np.array([[0.0, 0.0], [_IDEAL, 0.0]])
    spread = math.sqrt(size) * _IDEAL
    pos = rng.uniform(-spread / 2, spread / 2, (size, 2))
    # Small components: every pair repels (plain Fruchterman-Reingold, cheaper
    # than a k-d tree at this size) and they settle in fewer iterations.
    small = size <= _SMALL
    every_pair = np.stack(np.triu_indices(size, 1), axis=1) if small else None
    iterations = min(_ITERATIONS, 20 + 2 * size)
    temperature = spread / 5
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        disp = np.zeros_like(pos)
        if small:
            pairs = every_pair
        else:
            pairs = cKDTree(pos).query_pairs(_CUTOFF * _IDEAL, output_type="ndarray")
        if len(pairs):
            delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            dist = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 0.01)
            push = delta * (_IDEAL**2 / dist**2)[:, None]
            disp += _scatter(pairs[:, 0], push, size) - _scatter(pairs[:, 1], push, size)
        if len(edges):
            delta = pos[edges[:, 0]] - pos[edges[:, 1]]
            dist = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 0.01)
            pull = delta * (dist / _IDEAL)[:, None]
            disp += _scatter(edges[:, 1], pull, size) - _scatter(edges[:, 0], pull, size)
        # A weak pull to the centre keeps loosely connected parts from flying off.
        disp -= pos * (0.05 / _IDEAL)
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-9)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    return pos - pos.mean(axis=0)


def layout(graph: nx.Graph, *, seed: int = 42, spacing: float = 120.0) -> dict[str, tuple[int, int]]:
    """Integer pixel positions for every node of ``graph`` (directions and
    parallel edges are ignored), ``spacing`` pixels per ideal edge length.

    Deterministic for a given graph and ``seed``: nodes and components are
    visited in sorted order, and rounding to integers hides float noise.
    """
    rng = np.random.default_rng(seed)
    simple = simple_graph(graph, sort_edges=True)
    parts = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    placed = []
    for nodes in parts:
        index = {node: i for i, node in enumerate(nodes)}
        # The component's edges node by node in sorted order: a subgraph view of
        # less than half the graph lists them in the order of a set, which
        # changes with PYTHONHASHSEED (and, through the force sums, the layout).
        edges = np.array([(index[u], index[v]) for u, v in simple.edges(nodes)], dtype=int).reshape(-1, 2)
        pos = _force_directed(len(nodes), edges, rng)
        placed.append((nodes, pos - pos.min(axis=0)))
    return _pack(placed, spacing)


def _pack(placed: list[tuple[list[str], np.ndarray]], spacing: float) -> dict[str, tuple[int, int]]:
    """Shelf-pack component boxes, largest first, into rows about as wide as
    the whole drawing is tall; returns pixel positions centred on 0."""
    # Single entities, often most of a news graph, sit closer than components.
    sizes = [pos.max(axis=0) + (_IDEAL if len(nodes) == 1 else 2 * _IDEAL) for nodes, pos in placed]
    width = max(math.sqrt(sum(w * h for w, h in sizes)), max((w for w, _ in sizes), default=0))
    x = y = row_height = 0.0
    result: dict[str, tuple[float, float]] = {}
    for (nodes, pos), (w, h) in zip(placed, sizes):
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in zip(nodes, pos):
            result[node] = (x + px, y + py)
        x += w
        row_height = max(row_height, h)
    if not result:
        return {}
    xs = [p[0] for p in result.values()]
    ys = [p[1] for p in result.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {node: (round((px - cx) * spacing), round((py - cy) * spacing)) for node, (px, py) in result.items()}
