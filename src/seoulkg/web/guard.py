"""What a query may ask, decided from its syntax tree before any worker sees it.

The query is parsed by tree-sitter's SPARQL grammar (a C parser with its own stack: a 64 KB query of any
shape parses in milliseconds and cannot overflow anything), and the tree is walked without recursion.
Refused, each with 400 and a one-line reason:

- anything that would make the engine fetch: `SERVICE` (also `SILENT`, nested, or with a variable) and
  `LOAD`; the endpoint makes no outbound request (its workers run without a network, too: workers.py);
- a dataset clause (`FROM`, `FROM NAMED`): the endpoint serves one default graph, and Oxigraph would read
  a FROM graph as an (empty) named graph of the store and answer nothing rather than fail;
- a query past one of the `Complexity` bounds: nesting depth (expressions, groups, paths), terms, the
  steps of one property path, alternatives (`UNION` branches and path `|`);
- a query the grammar cannot parse, with the line and column of the first problem.

SPARQL Update (other than LOAD) is answered 403 by `read_only`.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import tree_sitter_sparql
from tree_sitter import Language, Node, Parser

with warnings.catch_warnings():  # the grammar's package hands over its language as an int, which still works
    warnings.simplefilter("ignore", DeprecationWarning)
    _LANGUAGE = Language(tree_sitter_sparql.language())

_UPDATES = {"load", "clear", "drop", "create", "add", "move", "copy", "insert_data", "delete_data",
            "delete_where", "modify"}
_TERMS = {"var", "iri_reference", "prefixed_name", "string", "integer", "decimal", "double", "boolean_literal",
          "blank_node_label", "anon", "nil"}
_PATHS = {"binary_path", "path_element", "path_inverse", "path_negated_property_set"}


class Refused(Exception):
    """A query the endpoint will not run: `status` and a one-line `reason`."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class Complexity:
    """Bounds on a query's syntax tree. The canned queries reach depth 20, 112 terms, paths of 2 steps and
    4 alternatives; a 64 KB query of `1+1+…` (30,000 terms) or a 10,000-step path crashed the engine."""

    max_depth: int = 64  # syntax-tree levels: nested groups, expressions and paths
    max_terms: int = 2_000  # variables, IRIs and literals
    max_path_steps: int = 32  # steps of one property path
    max_alternatives: int = 64  # UNION branches plus path alternatives, in the whole query


@dataclass(frozen=True)
class Shape:
    """What the walk found: the query form and its size (for tests and the bench)."""

    form: str
    depth: int
    terms: int
    longest_path: int
    alternatives: int


def inspect(query: str, bounds: Complexity) -> Shape:
    """The query's shape, or Refused (400 for a fetch, a dataset clause, a bound or a syntax error;
    403 for an update)."""
    tree = Parser(_LANGUAGE).parse(query.encode("utf-8"))
    root = tree.root_node
    forms = [child.type for child in root.children if child.type not in ("prologue", "comment", ";")]
    if "load" in forms:
        raise Refused(400, "LOAD is refused: this endpoint never fetches a document from elsewhere")
    if any(form in _UPDATES for form in forms):
        raise Refused(403, "this endpoint is read-only: SPARQL Update is refused")
    if root.has_error:
        raise Refused(400, f"malformed query: {_first_error(root)}")
    depth = terms = alternatives = longest_path = 0
    stack: list[tuple[Node, int]] = [(root, 0)]
    while stack:
        node, level = stack.pop()
        kind = node.type
        if kind == "service_graph_pattern":
            raise Refused(400, "SERVICE (federated query) is refused: this endpoint makes no outbound requests")
        if kind == "dataset_clause":
            raise Refused(400, "FROM and FROM NAMED are refused: this endpoint serves one default graph "
                               "(leave the dataset clause out)")
        if level > depth:
            depth = level
            if depth > bounds.max_depth:
                raise Refused(400, f"the query nests more than {bounds.max_depth} levels deep "
                                   "(groups, expressions or property paths)")
        if kind in _TERMS:
            terms += 1
            if terms > bounds.max_terms:
                raise Refused(400, f"the query has more than {bounds.max_terms} terms (variables, IRIs, literals)")
        elif kind == "UNION" or (kind == "|" and node.parent is not None and node.parent.type == "binary_path"):
            alternatives += 1
            if alternatives > bounds.max_alternatives:
                raise Refused(400, f"the query has more than {bounds.max_alternatives} alternatives "
                                   "(UNION branches and path '|')")
        if kind in _PATHS and (node.parent is None or node.parent.type not in _PATHS):
            steps = _path_steps(node, bounds.max_path_steps)
            longest_path = max(longest_path, steps)
            if steps > bounds.max_path_steps:
                raise Refused(400, f"a property path has more than {bounds.max_path_steps} steps")
        stack.extend((child, level + 1) for child in node.children)
    form = next((f.removesuffix("_query") for f in forms), "")
    return Shape(form, depth, terms, longest_path, alternatives)


def _path_steps(path: Node, bound: int) -> int:
    """The IRIs (and `a`) one property path names, counted without recursion (up to one past `bound`)."""
    steps, stack = 0, [path]
    while stack and steps <= bound:
        node = stack.pop()
        if node.type in ("iri_reference", "prefixed_name", "a"):
            steps += 1
        stack.extend(node.children)
    return steps


def _first_error(root: Node) -> str:
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_missing:
            return f"line {node.start_point[0] + 1} column {node.start_point[1] + 1}: expected {node.type}"
        if node.type == "ERROR":
            text = (node.text or b"").decode("utf-8", errors="replace").split()
            shown = f" near '{' '.join(text)[:30]}'" if text else ""
            return f"line {node.start_point[0] + 1} column {node.start_point[1] + 1}: unexpected syntax{shown}"
        stack.extend(reversed(node.children))
    return "unexpected syntax"
