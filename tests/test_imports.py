"""No import loops in archive/ (issue 17): module A importing B, which imports A back, anywhere in
either (inside functions too), makes the order of imports matter and hides which layer owns what."""
import ast
from pathlib import Path

from archive.settings import ROOT

PACKAGE = ROOT / "archive"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, modules: set[str]) -> set[str]:
    """The archive modules a file imports ("from archive import db" is archive.db; "from archive import
    ROOT" is the package archive itself)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in modules}
        elif isinstance(node, ast.ImportFrom) and node.module in modules and node.level == 0:
            for alias in node.names:
                found.add(f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in modules else node.module)
    return found


def graph() -> dict[str, set[str]]:
    paths = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: imports(path, set(paths)) - {name} for name, path in paths.items()}


def loops(edges: dict[str, set[str]]) -> list[list[str]]:
    found, state = [], {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for target in sorted(edges.get(name, ())):
            if state.get(target) == "open":
                found.append(trail[trail.index(target):] + [target])
            elif target not in state:
                visit(target, trail + [target])
        state[name] = "done"

    for name in sorted(edges):
        if name not in state:
            visit(name, [name])
    return found


def test_no_module_of_archive_imports_itself_back():
    assert loops(graph()) == []


def test_the_cli_is_a_package_whose_modules_register_on_one_group():
    edges = graph()
    commands = {name for name in edges if name.startswith("archive.cli.") and name != "archive.cli.group"}
    assert commands == {"archive.cli.admin", "archive.cli.backup", "archive.cli.data", "archive.cli.jobs",
                        "archive.cli.reextract", "archive.cli.sources"}
    assert all("archive.cli.group" in edges[name] and "archive.cli" not in edges[name] for name in commands)


def test_nothing_imports_the_package_itself_but_its_entry_points():
    """`from archive import ROOT` reaches into archive/__init__.py, which builds the app: ROOT is in settings."""
    assert sorted(name for name, targets in graph().items() if "archive" in targets) == []
