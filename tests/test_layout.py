"""The package's shape: no module imports its consumer, and the heart stays in small pieces."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "quotes"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The package's modules that ``path`` imports anywhere, function-level imports included."""
    found = set()
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # a relative import: from the package, up node.level - 1 levels
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            names = [base] + [f"{base}.{a.name}" for a in node.names]
        for name in names:
            if name in modules:
                found.add(name)
    return found - {module_name(path)}


def import_graph() -> dict[str, set[str]]:
    paths = [p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts]
    modules = {module_name(p) for p in paths}
    return {module_name(p): imports_of(p, modules) for p in paths}


def cycle_from(graph: dict[str, set[str]], start: str) -> list[str] | None:
    """A path start -> ... -> start through the graph, or None."""
    stack, seen = [(start, [start])], set()
    while stack:
        node, path = stack.pop()
        for nxt in graph[node]:
            if nxt == start:
                return path + [start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, path + [nxt]))
    return None


def test_the_import_graph_sees_the_heart():
    graph = import_graph()
    assert "quotes.find.direct" in graph["quotes.find"]
    assert "quotes.speaker.resolve" in graph["quotes.extract"]
    assert "quotes.types" in graph["quotes.speaker.refer"]


def test_no_module_imports_its_consumer():
    graph = import_graph()
    cycles = {m: cycle_from(graph, m) for m in graph}
    assert {m: c for m, c in cycles.items() if c} == {}


def test_finding_quotes_and_deciding_speakers_do_not_import_each_other():
    graph = import_graph()
    find = {m for m in graph if m.startswith("quotes.find")}
    speaker = {m for m in graph if m.startswith("quotes.speaker")}
    assert find and speaker
    assert not any(graph[m] & speaker for m in find)
    assert not any(graph[m] & find for m in speaker)


def test_no_function_in_the_heart_is_long():
    heart = [
        p for p in PACKAGE.rglob("*.py") if p.parent.name in ("find", "speaker") or p.name == "extract.py"
    ]
    longest = max(
        (node.end_lineno - node.lineno + 1, f"{p.name}:{node.name}")
        for p in heart
        for node in ast.walk(ast.parse(p.read_text("utf-8")))
        if isinstance(node, (ast.FunctionDef, ast.ClassDef))
    )
    assert longest[0] <= 160, longest  # today's largest is a fraction of the 458-line _Finder it replaced
