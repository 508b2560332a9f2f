"""The package's imports run one way: read → normalise → lexicon → structure → extract →
areas → store → derive → queries → the library (api, ingest) → cli and web, with shared
utilities (``text/``, ``model``, ``errors``, ``resources``) below them all. These tests read
every module's imports (top-level and inside functions alike) from its source."""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PKG = Path(__file__).resolve().parent.parent / "pipeline"

# each stage may import only the stages before it and the shared layer (rank 0)
RANK = {
    "__init__": 0, "model": 0, "errors": 0, "resources": 0, "lifecycle": 0, "text": 0,
    "read": 1, "normalize": 2, "lexicon": 3, "structure": 4, "extract": 5, "areas": 6,
    "store": 7, "derive": 8, "queries": 9, "api": 10, "cluster": 11, "ingest": 11, "cli": 12, "web": 12,
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PKG.rglob("*.py")}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The pipeline modules ``name`` imports (``from pkg import sub`` counts as ``pkg.sub``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_pkg = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.split(".")[0] == "pipeline"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_pkg else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if mod.split(".")[0] != "pipeline":
                continue
            subs = {f"{mod}.{a.name}" for a in node.names if f"{mod}.{a.name}" in known}
            out |= subs or {mod}
            if len(subs) < len(node.names):
                out.add(mod)
    return {m for m in out if m != name}


def _rank(module: str) -> int:
    parts = module.split(".")
    return RANK["__init__"] if len(parts) == 1 else RANK[parts[1]]


def _graph() -> nx.DiGraph:
    mods = _modules()
    g = nx.DiGraph()
    for name, path in mods.items():
        g.add_node(name)
        for dep in _imports(name, path, set(mods)):
            g.add_edge(name, dep)
    return g


def test_every_module_belongs_to_a_ranked_stage():
    unknown = {m for m in _modules() if "." in m and m.split(".")[1] not in RANK}
    assert not unknown, f"modules outside the stage table: {sorted(unknown)}"


def test_no_stage_imports_a_later_stage():
    backwards = sorted((a, b) for a, b in _graph().edges
                       if _rank(b) > _rank(a) and b != "pipeline")
    assert not backwards, "backward imports:\n" + "\n".join(f"  {a} -> {b}" for a, b in backwards)


def test_no_module_imports_the_package_root_for_stage_code():
    # ``pipeline/__init__.py`` holds only the version: importing it pulls in no stage
    g = _graph()
    assert not list(g.successors("pipeline"))


def test_there_is_no_import_cycle():
    g = _graph()
    # a package imports its own submodules and they import the package to reach a sibling
    # (``from pipeline.read import legacy``): that edge names the sibling, never the package,
    # so a real cycle is one between modules
    cycles = [c for c in nx.simple_cycles(g) if len(c) > 1]
    assert not cycles, "import cycles:\n" + "\n".join("  " + " -> ".join(c + c[:1]) for c in cycles[:10])


def test_a_backward_import_would_be_caught(tmp_path):
    # the checker itself: a structure module importing an extractor is reported
    src = "from pipeline.extract.tasks import extract_tasks\n"
    p = tmp_path / "fake.py"
    p.write_text(src, encoding="utf-8")
    deps = _imports("pipeline.structure.fake", p, set(_modules()))
    assert any(_rank(d) > _rank("pipeline.structure.fake") for d in deps)
