"""The one reader of a plan's tree: pages, reports, dashboards, monitoring, the API
and plan duplication all order and filter nodes through ``live_tree``.

The rule for orphans: a node is part of the live tree only if it and every node
above it are in the rows given (callers pass the nodes that are not deleted) up
to a root (``parent_id`` None). A node under a deleted node, or whose parent is
missing, is hidden with everything under it, and so are its indicators. Deleting
a node deletes its descendants too (``services.node_delete``), so orphans appear
only through data written around the services; they are never promoted to roots.

Siblings are ordered by ``(position, id)``. The reader costs no query: callers
load the rows they need (model instances or ``values()`` dicts) in one query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class Placed[N]:
    """A node with its place in the live tree."""

    node: N
    pk: int
    parent_id: int | None
    depth: int
    #: Rank among live siblings, from 1, for each level from the root: (2, 1, 3).
    path: tuple[int, ...]
    #: Live siblings, this node included.
    siblings: int
    #: Live children.
    children: int = 0
    #: Live nodes anywhere under this one.
    descendants: int = 0
    #: The id of the top node above it (its own id for a root).
    root_id: int = 0

    @property
    def number(self) -> str:
        """The automatic number: "2.1.3"."""
        return ".".join(str(rank) for rank in self.path)


def of_model(node: Any) -> tuple[int, int | None, int]:
    """Id, parent id and position of a PlanNode instance."""
    return node.pk, node.parent_id, node.position


def of_values(row: dict) -> tuple[int, int | None, int]:
    """Id, parent id and position of a ``values()`` row."""
    return row["id"], row["parent_id"], row["position"]


def live_tree[N](
    nodes: Iterable[N],
    fields: Callable[[N], tuple[int, int | None, int]] = of_model,
) -> list[Placed[N]]:
    """The live nodes among ``nodes`` depth-first, each with its place.

    ``nodes`` are the plan's (or several plans') nodes that are not deleted; see the
    module's rule for orphans.
    """
    children: dict[int | None, list[tuple[int, int, N]]] = defaultdict(list)
    for node in nodes:
        pk, parent_id, position = fields(node)
        children[parent_id].append((position, pk, node))
    for siblings in children.values():
        siblings.sort(key=lambda entry: (entry[0], entry[1]))

    ordered: list[Placed[N]] = []
    # Depth-first without recursion; each node has one parent, so a walk from the
    # roots meets each node once and never enters a cycle.
    stack: list[tuple[int | None, int, tuple[int, ...], int]] = [(None, 0, (), 0)]
    pending: list[list[tuple[int, int, N]]] = [list(reversed(children.get(None, [])))]
    counts: list[int] = [len(children.get(None, []))]
    while pending:
        if not pending[-1]:
            pending.pop()
            stack.pop()
            counts.pop()
            continue
        _position, pk, node = pending[-1].pop()
        parent_id, depth, path, root_id = stack[-1]
        rank = counts[-1] - len(pending[-1])
        below = children.get(pk, [])
        ordered.append(
            Placed(
                node=node,
                pk=pk,
                parent_id=parent_id,
                depth=depth,
                path=(*path, rank),
                siblings=counts[-1],
                children=len(below),
                root_id=root_id or pk,
            )
        )
        stack.append((pk, depth + 1, (*path, rank), root_id or pk))
        pending.append(list(reversed(below)))
        counts.append(len(below))

    # Depth-first order: a node's descendants are the entries after it, deeper.
    open_entries: list[Placed[N]] = []
    for entry in ordered:
        while open_entries and open_entries[-1].depth >= entry.depth:
            open_entries.pop()
        for ancestor in open_entries:
            ancestor.descendants += 1
        open_entries.append(entry)
    return ordered


def subtree[N](tree: list[Placed[N]], pk: int) -> list[Placed[N]]:
    """The entries under the node ``pk`` (not itself), depth-first."""
    for index, entry in enumerate(tree):
        if entry.pk == pk:
            return tree[index + 1 : index + 1 + entry.descendants]
    return []


def ancestors[N](tree: list[Placed[N]]) -> dict[int, list[N]]:
    """Each live node's ancestors, nearest first."""
    by_pk = {entry.pk: entry for entry in tree}
    found: dict[int, list[N]] = {}
    for entry in tree:  # parents come before their children
        parent = by_pk.get(entry.parent_id) if entry.parent_id else None
        found[entry.pk] = [parent.node, *found[parent.pk]] if parent is not None else []
    return found
