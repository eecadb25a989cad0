"""The README tested against the code, so it cannot drift: its example record passes `check`, its
command table names exactly the commands the parser knows, and its table of folders names exactly
the folders of the package. Also the layout's promises: no import cycle, arrows only downstream,
only engines/ imports mkdocs, no feature imports another, and module sizes."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT, run_generator

README = (ROOT / "README.md").read_text(encoding="utf-8")
PACKAGE = ROOT / "generator"
LAYERS = ("core", "load", "model", "validate", "catalog", "render", "features", "engines")
"""Bottom to top: a module may import its own layer and the layers before it, never one after it."""


def section(title: str) -> str:
    """The README from heading `title` to the next heading of the same level outside a code block."""
    start = README.index(f"## {title}\n")
    fenced = False
    offset = start + len(title) + 4
    for line in README[offset:].split("\n"):
        fenced ^= line.startswith("```")
        if not fenced and line.startswith("## "):
            return README[start:README.index("\n" + line, offset)]
    return README[start:]


def test_readme_example_record_passes_check(tmp_path):
    example = re.search(r"```markdown\n(---\n.*?)```", section("Een record toevoegen"), re.DOTALL)
    assert example, "geen voorbeeldrecord in 'Een record toevoegen'"
    record = tmp_path / "projects" / "voorbeeld-uit-de-readme.md"
    record.parent.mkdir()
    record.write_text(example.group(1).replace("…", "Wat het project oploste, in eigen woorden."), encoding="utf-8")
    result = run_generator("check", "--strict", str(record), timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_command_table_names_every_command_of_the_parser():
    from generator.cli import _parser

    subparsers = next(action for action in _parser()._actions if action.dest == "command")
    commands = set(subparsers.choices)
    documented = set(re.findall(r"^\| `\.venv/bin/kennisbank (\w+)", README, re.MULTILINE))
    assert documented == commands


def test_readme_folder_table_names_every_folder_of_the_package():
    table = section("Hoe het in elkaar zit")
    documented = set(re.findall(r"^\| `generator/(\w+)/`", table, re.MULTILINE))
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert documented == packages
    top_modules = {p.name for p in PACKAGE.glob("*.py") if not p.name.startswith("__")}
    assert {m for m in re.findall(r"`(?:generator/)?(\w+\.py)`", table) if m in top_modules} == top_modules


def imports_of(path: Path) -> set[str]:
    """The generator modules a file imports, at any depth (typing-only imports excluded)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(node) for stmt in ast.walk(tree) if isinstance(stmt, ast.If)
                   and "TYPE_CHECKING" in ast.unparse(stmt.test) for node in ast.walk(stmt)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "mkdocs" or name.startswith(("generator.", "mkdocs."))}


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def test_only_engines_import_mkdocs():
    offenders = [name for name, path in MODULES.items()
                 if any(i == "mkdocs" or i.startswith("mkdocs.") for i in imports_of(path))
                 and not name.startswith("generator.engines.")]
    assert offenders == []


def test_arrows_only_point_downstream_and_no_feature_imports_another():
    def layer(name: str) -> int | None:
        parts = name.split(".")
        return LAYERS.index(parts[1]) if len(parts) > 2 and parts[1] in LAYERS else None

    wrong = []
    for name, path in MODULES.items():
        own = layer(name)
        for target in imports_of(path):
            other = layer(target)
            if own is not None and other is not None and other > own:
                wrong.append(f"{name} -> {target}")
            if (own == other == LAYERS.index("features") and len(name.split(".")) > 3
                    and len(target.split(".")) > 3 and name.split(".")[2] != target.split(".")[2]):
                wrong.append(f"{name} -> {target} (de ene functie gebruikt de andere)")
    assert wrong == []


def test_no_import_cycle():
    graph = {name: {t for t in imports_of(path) if t in MODULES and t != name} for name, path in MODULES.items()}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return trail + [node, nxt]
            if nxt not in state and (cycle := visit(nxt, trail + [node])):
                return cycle
        state[node] = 2
        return None

    for name in sorted(graph):
        if name not in state:
            assert (cycle := visit(name, [])) is None, " -> ".join(cycle)



def test_modules_stay_small():
    too_long = []
    for path in [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.js"), *PACKAGE.rglob("*.mjs"),
                 *(ROOT / "benchmarks").glob("*.py")]:
        lines = path.read_text(encoding="utf-8").count("\n")
        limit = 800 if path.suffix in (".js", ".mjs") else 600
        explained = path.suffix == ".py" and "Longer than" in (ast.get_docstring(ast.parse(path.read_text())) or "")
        if lines > limit or (path.suffix == ".py" and lines > 400 and not explained):
            too_long.append(f"{path.relative_to(ROOT)}: {lines}")
    assert too_long == []
