"""Security properties: SQL text is never formatted from data, only files inside the raw
folder are read, the UI listens on localhost, and the warehouse is not more readable than
it should be."""

from __future__ import annotations

import ast
import os
import re
import shutil
import stat
from pathlib import Path

import duckdb
import pytest
from pipeline_runs import run_ingest

from pipelines.frames import build_batch
from pipelines.ingest import parse_files, scan_raw_folder
from pipelines.parsing import ReportRejected
from pipelines.validation import validate_batch
from pipelines.warehouse import build_warehouse

TAB_SEED = "000_a9a3d7926273398a.txt"

# DuckDB connection and relation methods whose string arguments are SQL text (names given
# to register/view/create_view are identifiers, not parsed statements).
_SQL_METHODS = frozenset({"execute", "executemany", "sql", "query", "from_query", "filter",
                          "aggregate", "project", "order", "join"})
_SQL_WORDS = re.compile(
    r"(?is)\b(select\b.*\bfrom|insert\s+into|delete\s+from|update\s+\w+\s+set|"
    r"create\s+(or\s+replace\s+)?(temp\w*\s+)?(table|view)|drop\s+(table|view)|attach\s|"
    r"copy\s.*\b(to|from)\b)"
)


def _formatted(node: ast.AST) -> bool:
    """A string built at run time from values: f-string with fields, `%`, `+` or .format."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        return any(isinstance(side, ast.Constant | ast.JoinedStr) and _is_text(side)
                   for side in (node.left, node.right)) or _formatted(node.left)
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format")


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant)
                                               and isinstance(node.value, str))


def _literal_text(node: ast.AST) -> str:
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _literal_text(node.left) + " " + _literal_text(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return _literal_text(node.func.value)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return ""


def sql_built_by_formatting(source: str, filename: str = "<source>") -> list[str]:
    """Places where SQL text is formatted: a formatted string passed to a SQL method, or
    any formatted string whose literal parts read like a SQL statement."""
    found = []
    reported: set[int] = set()
    nodes = list(ast.walk(ast.parse(source, filename)))
    for node in nodes:
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in _SQL_METHODS):
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                if _formatted(arg):
                    reported.update(id(inner) for inner in ast.walk(arg))
                    found.append(f"{filename}:{node.lineno}: formatted argument to "
                                 f".{node.func.attr}()")
    for node in nodes:
        if (id(node) not in reported and _formatted(node)
                and _SQL_WORDS.search(_literal_text(node))):
            reported.update(id(inner) for inner in ast.walk(node))
            found.append(f"{filename}:{node.lineno}: formatted SQL text")
    return found


def _python_sources(repo_root: Path) -> list[Path]:
    return sorted(p for folder in ("pipelines", "schemas")
                  for p in (repo_root / folder).rglob("*.py"))


def test_the_static_check_catches_formatted_sql() -> None:
    bad = '''
con.execute(f"SELECT * FROM reports WHERE source_file = '{name}'")
con.execute("SELECT * FROM reports WHERE agency = '%s'" % agency)
con.sql("DELETE FROM reports WHERE report_id = '{}'".format(rid))
rel.filter("source_file = '" + name + "'")
query = f"INSERT INTO report_issues VALUES ('{rid}', '{text}')"
'''
    assert [line.split(": ", 1)[1] for line in sql_built_by_formatting(bad)] == [
        "formatted argument to .execute()",
        "formatted argument to .execute()",
        "formatted argument to .sql()",
        "formatted argument to .filter()",
        "formatted SQL text",
    ]
    good = '''
con.execute(load_sql("load.sql"))
con.execute("SELECT * FROM reports WHERE source_file = ?", [name])
message = f"{source_file}: table 3, line {line}: row {code} printed again"
frame.filter(pl.col("status") == status)
'''
    assert sql_built_by_formatting(good) == []


def test_no_sql_is_built_by_formatting_in_pipelines_or_schemas(repo_root: Path) -> None:
    sources = _python_sources(repo_root)
    assert len(sources) > 20  # the walk found the code
    found = [hit for path in sources for hit in sql_built_by_formatting(
        path.read_text(encoding="utf-8"), str(path.relative_to(repo_root)))]
    assert found == []


def test_sql_statements_come_from_sql_files(repo_root: Path) -> None:
    """The warehouse executes only `load_sql(...)` text: SQL lives in sql/, not in Python."""
    tree = ast.parse((repo_root / "pipelines" / "warehouse.py").read_text(encoding="utf-8"))
    executed = [node.args[0] for node in ast.walk(tree)
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "execute"]
    assert executed
    for arg in executed:
        assert isinstance(arg, ast.Call) and getattr(arg.func, "id", None) == "load_sql", (
            ast.unparse(arg))


# --- paths --------------------------------------------------------------------------------

@pytest.fixture()
def raw(tmp_path: Path, seed_dir: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(seed_dir / TAB_SEED, folder / TAB_SEED)
    return folder


def test_links_leading_outside_the_raw_folder_are_not_read(raw: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("不该读取的内容", encoding="utf-8")
    (raw / "to-secret.txt").symlink_to(outside / "secret.txt")
    (raw / "dotdot.txt").symlink_to(Path("..") / "outside" / "secret.txt")
    (raw / "chain.txt").symlink_to("to-secret.txt")  # inside, then outside
    (raw / "to-folder").symlink_to(outside, target_is_directory=True)
    (raw / "inside.txt").symlink_to(TAB_SEED)

    files = {f.source_file: f for f in scan_raw_folder(raw)}
    # A linked folder is not walked into; links to files are listed, outside ones refused.
    assert sorted(files) == [TAB_SEED, "chain.txt", "dotdot.txt", "inside.txt",
                             "to-secret.txt"]
    for name in ("to-secret.txt", "dotdot.txt", "chain.txt"):
        assert files[name].problem == "link points outside the raw folder"
        assert files[name].sha256 == "" and files[name].size == 0
    assert files["inside.txt"].problem is None
    assert files["inside.txt"].sha256 == files[TAB_SEED].sha256

    outcomes = {o.source.source_file: o.result for o in parse_files(raw, files.values())}
    assert isinstance(outcomes["to-secret.txt"], ReportRejected)
    assert str(outcomes["to-secret.txt"]) == (
        "to-secret.txt: link points outside the raw folder")


def test_a_file_swapped_for_a_link_after_the_scan_is_not_followed(
    raw: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret report.txt"
    shutil.copy(raw / TAB_SEED, secret)  # a readable report, so the read would succeed
    (raw / "late.txt").write_text("placeholder", encoding="utf-8")
    files = scan_raw_folder(raw)
    (raw / "late.txt").unlink()
    (raw / "late.txt").symlink_to(secret)
    outcomes = {o.source.source_file: o.result for o in parse_files(raw, files)}
    assert str(outcomes["late.txt"]) == "late.txt: link points outside the raw folder"


# --- the UI -------------------------------------------------------------------------------

def test_ui_listens_on_localhost_only(repo_root: Path) -> None:
    makefile = (repo_root / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^ui:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe is not None
    commands = recipe.group(1)
    assert "dg dev" in commands
    assert re.search(r"--host[ =]127\.0\.0\.1\b", commands), commands
    assert "0.0.0.0" not in makefile


# --- file permissions ---------------------------------------------------------------------

def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _run_job(raw: Path, warehouse: Path) -> None:
    result = run_ingest(raw, warehouse)
    assert result.success


@pytest.fixture()
def open_umask():
    old = os.umask(0)  # the widest a process could ask for
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture()
def private_raw(raw: Path) -> Path:
    os.chmod(raw / TAB_SEED, 0o600)
    return raw


def test_warehouse_is_never_more_open_than_0644(private_raw: Path, tmp_path: Path,
                                                open_umask: None) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    _run_job(private_raw, warehouse)
    mode = _mode(warehouse)
    assert mode & ~0o644 == 0, oct(mode)  # never group- or world-writable, never executable
    assert mode & 0o600 == 0o600
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select status from reports").fetchall() == [("valid",)]


def test_a_narrowed_warehouse_stays_narrow_across_loads(private_raw: Path, tmp_path: Path,
                                                        open_umask: None) -> None:
    """An operator who makes the warehouse private once keeps it private: a load never
    widens the mode of the file it replaces."""
    warehouse = tmp_path / "warehouse.duckdb"
    tables = validate_batch(build_batch(parse_files(private_raw, scan_raw_folder(private_raw))))
    build_warehouse(warehouse, tables)
    os.chmod(warehouse, 0o600)
    build_warehouse(warehouse, tables)
    assert _mode(warehouse) == 0o600
    os.chmod(warehouse, 0o640)
    _run_job(private_raw, warehouse)
    assert _mode(warehouse) == 0o640


def test_warehouse_is_no_wider_than_the_raw_files(private_raw: Path, tmp_path: Path,
                                                  open_umask: None) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    _run_job(private_raw, warehouse)
    assert _mode(warehouse) & ~0o600 == 0, oct(_mode(warehouse))
