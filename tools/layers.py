"""The import rule of ctpdoc's house, checked: imports go down the layers, never up or sideways, and never round.

Reads every module's imports with :mod:`ast` (those under ``if TYPE_CHECKING:``
and inside functions included), then fails when

- a module imports from a layer above its own;
- a subpackage imports another subpackage of the same layer (they are independent);
- a module of ``commands`` imports another command's module: each command (a module of ``commands/``, or a
  package of its parts such as ``commands/importer/``) leans only on the steps they share (``SHARED_STEPS``)
  and on the layers below;
- the modules import each other in a cycle;
- a module outside the command line imports click, or outside their rooms
  openpyxl (the workbooks) or docxtpl (rendering);
- a module grows past 400 lines (split it by idea);
- a module outside ``package/ooxml.py`` makes an lxml parser (``etree.XMLParser``), or parses with lxml
  (``fromstring``, ``parse``, ``XML``, ``iterparse``) without that module's parser or policy: one XML
  parser policy for everything ctpdoc reads.

Run by ``make lint``: ``python tools/layers.py [PACKAGE_DIR]``; exit 1 with one
line per broken rule.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

# Top first. Subpackages on one line are independent of each other; "" is the root's modules.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("cli",),
    ("commands",),
    ("render", "output", "review"),
    ("checks", "translations"),
    ("document",),
    ("workbooks", "word", "markup", "changes"),
    ("package",),
    ("",),
)
# Which layer may import a third-party library: each library stays in its room.
ROOMS = {"click": {"cli"}, "openpyxl": {"workbooks"}, "docxtpl": {"render"}}
MAX_LINES = 400
# The modules of commands/ that every command may import: the steps they share (the reading started, the inputs read
# and checked, rendering in memory, writing under the folder's lock). Every other module of commands/ is a command's own.
SHARED_STEPS = {"inputs", "reading", "rendering", "writing"}
PARSER_HOME = "package.ooxml"  # the one module that makes lxml parsers (xml_parser, PARSER_POLICY)
PARSING = {"fromstring", "parse", "XML", "iterparse"}


def layer_of(stage: str) -> int:
    for index, names in enumerate(LAYERS):
        if stage in names:
            return index
    raise KeyError(stage)


def stage_of(module: str) -> str:
    """``ctpdoc.workbooks.sheets`` → ``workbooks``; a root module (``ctpdoc.model``) → ``""``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in _SUBPACKAGES) else ""


_SUBPACKAGES: set[str] = set()


def command_of(module: str) -> str | None:
    """``ctpdoc.commands.importer.cover`` → ``importer``; a shared step or the package itself → ``None``."""
    parts = module.split(".")
    if len(parts) < 3 or parts[1] != "commands" or parts[2] in SHARED_STEPS:
        return None
    return parts[2]


def modules(package: Path) -> dict[str, Path]:
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    _SUBPACKAGES.update(p.name for p in package.iterdir() if (p / "__init__.py").exists())
    return found


def imports(name: str, path: Path) -> Iterator[tuple[str, int]]:
    """The absolute names a module imports, with their line; relative imports resolved."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            yield target, node.lineno
            for alias in node.names:  # from ctpdoc.workbooks import sheets: the module ctpdoc.workbooks.sheets
                yield f"{target}.{alias.name}", node.lineno


def check(package: Path) -> list[str]:
    found = modules(package)
    root = package.name
    problems = []
    graph: dict[str, set[str]] = {name: set() for name in found}
    for name, path in found.items():
        if name == f"{root}.__main__":  # ``python -m ctpdoc``: the entry point, above every layer
            continue
        stage = stage_of(name)
        where = f"{path}"
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            problems.append(f"{where}: {lines} lines, over {MAX_LINES}; split it into modules of one idea")
        if name != f"{root}.{PARSER_HOME}":
            problems += [f"{where}:{line}: {what}" for line, what in parser_problems(path)]
        for target, line in imports(name, path):
            top = target.split(".")[0]
            if top in ROOMS and stage not in ROOMS[top]:
                problems.append(f"{where}:{line}: imports {top}, which only {', '.join(sorted(ROOMS[top]))} may import")
            if top != root or target not in found:
                continue
            graph[name].add(target)
            other = stage_of(target)
            command, its = command_of(name), command_of(target)
            if stage == "commands" and its is not None and its != command:
                problems.append(
                    f"{where}:{line}: imports {target}, the module of another command; "
                    f"move what they share into a step ({', '.join(sorted(SHARED_STEPS))}) or a layer below"
                )
            if other == stage:
                continue
            if layer_of(other) < layer_of(stage):
                problems.append(f"{where}:{line}: imports {target}, a layer above ({other or 'root'} over {stage or 'root'})")
            elif layer_of(other) == layer_of(stage):
                problems.append(
                    f"{where}:{line}: imports {target}: {stage} and {other} are on one layer and must stay independent"
                )
    problems += [f"import cycle: {' → '.join(cycle)}" for cycle in cycles(graph)]
    return problems


def parser_problems(path: Path) -> Iterator[tuple[int, str]]:
    """lxml parsers made here, or lxml parsing with neither a parser nor ``**PARSER_POLICY``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)):
            continue
        if node.func.value.id != "etree":
            continue
        if node.func.attr == "XMLParser":
            yield node.lineno, f"makes an lxml parser; use {PARSER_HOME}.xml_parser (one XML parser policy)"
        elif node.func.attr in PARSING:
            policy = any(k.arg is None and isinstance(k.value, ast.Name) and k.value.id == "PARSER_POLICY" for k in node.keywords)
            if len(node.args) < 2 and not policy and not any(k.arg == "parser" for k in node.keywords):
                yield node.lineno, f"parses with lxml's defaults; pass {PARSER_HOME}.xml_parser() (or **PARSER_POLICY)"


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append([*sorted(component), sorted(component)[0]])

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def main(argv: list[str]) -> int:
    package = Path(argv[1] if len(argv) > 1 else "ctpdoc")
    problems = check(package)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} broken import rule{'s' if len(problems) != 1 else ''}; see the layer map in docs/developing.md")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
