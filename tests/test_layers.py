"""Layers point one way: a module imports only modules of lower layers (read from the source)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "checker"

# Lowest first. A module may import modules of strictly lower layers, and siblings in its own package.
LAYERS: list[set[str]] = [
    {"checker", "checker.model"},
    {"checker.errors"},  # names the file as every output does (model.printable_name)
    {"checker.text.markers", "checker.text.spans", "checker.text.patterns", "checker.rules.yamlsrc",
     "checker.wordxml"},
    {"checker.text.figures"},  # counts a part's characters as the locator does (text.spans)
    {"checker.text.feature_table"},  # the segmenter's integer tables, and pkuseg's segmentation over them
    {"checker.text.table_segmenter"},
    {"checker.text.normalize", "checker.text.gazetteer", "checker.text.nlp", "checker.readers"},
    {"checker.setup_model"},
    {"checker.rules.kinds"},
    {"checker.rules.checklist"},
    {"checker.outline.headings", "checker.outline.meta", "checker.outline.locate"},
    {"checker.followup"},
    {"checker.rules.engine", "checker.rules.scoring", "checker.rules.waivers", "checker.rules.schema", "checker.reuse"},
    {"checker.pipeline"},
    {"checker.batch", "checker.cases"},  # cases run the whole pipeline on a text
    {"checker.render"},
    {"checker.serve"},  # the service orchestrates like the CLI; the CLI's serve command starts it
    {"checker.cli"},
    {"checker.__main__"},
]

# Edges the layers above would allow but the design does not: finding the outline and the checklist items
# in it needs the checklist's item specs, never a rule kind (the shared regex helpers live in text/).
FORBIDDEN: list[tuple[str, str]] = [
    ("checker.outline", "checker.rules.kinds"),
    ("checker.outline", "checker.rules.engine"),
    ("checker.reuse", "checker.rules"),
    ("checker.followup", "checker.rules"),
    ("checker.followup", "checker.reuse"),
    # follow-through is no text reuse: the pipeline runs it when a followup rule asks, reuse never does
    ("checker.reuse", "checker.followup"),
    ("checker.rules", "checker.followup"),
]


def _group(module: str) -> str:
    """The most specific layer entry a module belongs to (checker.rules.kinds.base → checker.rules.kinds)."""
    names = [n for layer in LAYERS for n in layer if module == n or module.startswith(n + ".")]
    return max(names, key=len) if names else module


def _layer(module: str) -> int:
    group = _group(module)
    for i, layer in enumerate(LAYERS):
        if group in layer:
            return i
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG.parent).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        out.append((name, path))
    return out


def _imports(name: str, path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.rsplit(".", node.level if not path.name == "__init__.py" else node.level - 1)[0]
                found.add(f"{base}.{node.module}" if node.module else base)
            elif node.module:
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names)
    return {m for m in found if m == "checker" or m.startswith("checker.")}


MODULES = _modules()


@pytest.mark.parametrize(("name", "path"), MODULES, ids=[m for m, _ in MODULES])
def test_imports_point_down(name: str, path: Path) -> None:
    own = _layer(name)
    for imported in _imports(name, path):
        if imported == "checker" or _group(imported) == _group(name):
            continue
        other = _layer(imported)
        assert other < own, f"{name} (layer {own}) imports {imported} (layer {other})"


@pytest.mark.parametrize(("lower", "higher"), FORBIDDEN, ids=[f"{a}-x-{b}" for a, b in FORBIDDEN])
def test_forbidden_edges(lower: str, higher: str) -> None:
    for name, path in MODULES:
        if name == lower or name.startswith(lower + "."):
            crossing = {m for m in _imports(name, path) if m == higher or m.startswith(higher + ".")}
            assert not crossing, f"{name} imports {sorted(crossing)}"


def test_every_module_sits_in_a_stage_folder_or_is_a_known_top_level_module() -> None:
    """Folders show the pipeline: a new flat module in checker/ must be placed on purpose."""
    top = {p.stem for p in PKG.glob("*.py")}
    assert top == {"__init__", "__main__", "model", "errors", "pipeline", "batch", "followup", "setup_model", "cases",
                   "wordxml"}, top  # wordxml: the Word XML walk that the reader and the Word renderer share


def test_model_imports_nothing_of_ours() -> None:
    path = PKG / "model.py"
    assert _imports("checker.model", path) == set()


@pytest.mark.parametrize("path", sorted((PKG / "render").glob("*.py")), ids=lambda p: p.name)
def test_render_imports_only_model(path: Path) -> None:
    name = f"checker.render.{path.stem}"
    ours = {m for m in _imports(name, path) if not m.startswith("checker.render")}
    # besides the value types, only the Word XML walk: the commented draft must find text where the reader took it
    shared = {"checker.model", "checker.wordxml"}
    names = {f"{m}.{n}" for m in shared for n in dir(__import__(m, fromlist=["_"]))}
    assert ours <= shared | names, ours


def test_nothing_imports_the_cli() -> None:
    for name, path in MODULES:
        if name.startswith("checker.cli") or name == "checker.__main__":
            continue
        assert not any(m.startswith("checker.cli") for m in _imports(name, path)), name


def test_the_layer_test_can_fail(tmp_path: Path) -> None:
    bad = tmp_path / "model.py"
    bad.write_text("from checker.pipeline import analyse\n", encoding="utf-8")
    assert _imports("checker.model", bad) == {"checker.pipeline", "checker.pipeline.analyse"}


# Formats are declared in two registries; whoever orchestrates reaches readers and renderers through them,
# so that adding a format never needs an edit in the CLI or the batch runner.
THROUGH_REGISTRIES = {
    # diff, rules, batch: their own views; labels: the words of the command line's own lines
    "checker.render": {"registry", "reuse_view", "catalogue", "batch_table", "labels"},
    "checker.readers": {"registry"},  # and the package's read_path/read_bytes
}


@pytest.mark.parametrize("name", [m for m, _ in MODULES if m.startswith("checker.cli") or m in (
    "checker.batch", "checker.pipeline")])
def test_formats_are_reached_through_their_registries(name: str) -> None:
    for imported in _imports(name, dict(MODULES)[name]):
        for package, allowed in THROUGH_REGISTRIES.items():
            if not imported.startswith(package + "."):
                continue
            module = imported.removeprefix(package + ".").split(".")[0]
            folder = PKG / package.removeprefix("checker.")
            if (folder / f"{module}.py").exists():  # a module, not a name from the package's __init__
                assert module in allowed, f"{name} imports {imported}: go through {package}.registry"


@pytest.mark.parametrize("name", ["checker.readers.registry", "checker.render.registry"])
def test_the_registries_import_no_reader_or_renderer(name: str) -> None:
    """A registry names its readers/renderers as "module:function" strings, so that ``--help`` and batch
    discovery load no PDF or Word library; signatures.py holds only byte tests."""
    path = (PKG / name.removeprefix("checker.").replace(".", "/")).with_suffix(".py")
    found = {m for m in _imports(name, path) if not m.startswith(("checker.model", "checker.readers.signatures"))}
    assert found == set(), found


def _module_edges() -> dict[str, set[str]]:
    """Module → the modules it imports (at any depth of the file: imports inside functions count too),
    ``from package import module`` resolved to the module, not the package."""
    names = {name for name, _ in MODULES}
    edges: dict[str, set[str]] = {}
    for name, path in MODULES:
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name in names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    target = f"{node.module}.{alias.name}"
                    if target in names:
                        found.add(target)
                    elif node.module in names:
                        found.add(node.module)
        edges[name] = found - {name}
    return edges


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_module_imports_circle_back() -> None:
    """Not even through an import inside a function: a circle hides which of two modules is the lower."""
    assert _cycle(_module_edges()) is None, " → ".join(_cycle(_module_edges()) or [])


def test_the_circle_finder_finds_one() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
