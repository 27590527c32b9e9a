"""Layout of big components: the radial layout places every node, apart and in order."""

import math
import random

from kg.view.payload import _GAP, _RADIAL_FROM, layout


def distances(pos: dict[str, tuple[float, float]]) -> list[float]:
    points = list(pos.values())
    return [math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1 :]]


def test_a_big_star_is_a_ring_around_its_hub() -> None:
    leaves = [f"n{i:04d}" for i in range(_RADIAL_FROM + 200)]
    pos = layout(["hub", *leaves], [("hub", leaf) for leaf in leaves])
    assert set(pos) == {"hub", *leaves}
    assert all(x >= 0 and y >= 0 for x, y in pos.values())
    radii = {round(math.dist(pos["hub"], pos[leaf]), 3) for leaf in leaves}
    assert len(radii) == 1  # one ring
    assert min(distances(pos)) >= _GAP * 0.99  # neighbours on the ring stay apart


def test_a_big_random_tree_has_no_overlapping_nodes() -> None:
    rng = random.Random(5)
    nodes = [f"v{i}" for i in range(_RADIAL_FROM + 300)]
    pairs = [(nodes[i], nodes[rng.randrange(max(1, i // 20))]) for i in range(1, len(nodes))]
    pos = layout(nodes, pairs)
    assert set(pos) == set(nodes)
    assert min(distances(pos)) > 1.0
