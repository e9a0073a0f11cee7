"""The Dagster UI in a real browser: the warehouse assets, their lineage and the checks.

Materializes the seed reports into a temporary Dagster instance, starts dagster-webserver
on a free loopback port and loads its pages in headless Chromium (Debian's package, which
`make test` installs when missing; Playwright cannot download its own here). A screenshot
of each page is kept under tests/artifacts/.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest

from pipelines.definitions import defs
from pipelines.defs.report import ReportFile
from pipelines.defs.resources import RawFolder, WarehouseFile

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
WAREHOUSE_ASSETS = ("reports", "fact_applications", "fact_review_litigation",
                    "fact_proactive_disclosure", "report_checks", "report_issues")
STARTUP_SECONDS = 60

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"Chromium not found at {CHROMIUM}: `make test` as root installs Debian's "
           "chromium package; Playwright cannot download a browser here")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"dagster-webserver exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"dagster-webserver did not answer {url} within {STARTUP_SECONDS} s")


@pytest.fixture(scope="module")
def ui(tmp_path_factory: pytest.TempPathFactory, repo_root: Path, seed_dir: Path,
       ) -> Iterator[str]:
    home = tmp_path_factory.mktemp("dagster_home")
    storage = home / "storage"
    # The project's instance config, with its storage in this temporary folder.
    shutil.copy(repo_root / "dagster.yaml", home / "dagster.yaml")
    env_patch = pytest.MonkeyPatch()
    env_patch.setenv("DAGSTER_HOME", str(home))
    env_patch.setenv("DAGSTER_STORAGE_DIR", str(storage))
    port = _free_port()
    webserver = Path(sys.executable).with_name("dagster-webserver")
    try:
        # Its own session, so the code server it starts goes down with it.
        server = subprocess.Popen(
            [str(webserver), "-m", "pipelines.definitions", "-h", "127.0.0.1", "-p", str(port)],
            cwd=repo_root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        try:
            # Materialize while the server starts: both take seconds, and the UI then shows
            # materializations and check results, not only definitions.
            with dg.DagsterInstance.get() as instance:
                result = defs.resolve_job_def("ingest").execute_in_process(
                    instance=instance,
                    resources={
                        "raw_folder": RawFolder(path=str(seed_dir)),
                        "warehouse": WarehouseFile(path=str(home / "warehouse.duckdb")),
                        "report_file": ReportFile(path=str(home / "comparison.html"))},
                )
                assert result.success
            base = f"http://127.0.0.1:{port}"
            _wait_until_up(f"{base}/server_info", server)
            yield base
        finally:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)
    finally:
        env_patch.undo()


@pytest.fixture(scope="module")
def browser_page(ui: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        yield page
        browser.close()


def _open(page, url: str, *expect: str) -> str:  # noqa: ANN001 (playwright's Page)
    """The page's text once every `expect` text is shown (statuses load after the graph)."""
    page.goto(url)
    for text in expect:
        page.get_by_text(text, exact=True).first.wait_for(timeout=30_000)
    # A first visit shows a newsletter dialog over the page; dismiss it for the screenshot.
    skip = page.get_by_text("Skip", exact=True)
    if skip.count():
        skip.first.click()
    return page.inner_text("body")


def test_asset_graph_lists_the_warehouse_assets(ui: str, browser_page, repo_root: Path,
                                                ) -> None:  # noqa: ANN001
    text = _open(browser_page, f"{ui}/locations/pipelines.definitions/asset-groups/warehouse",
                 "fact_applications", "Materialized")
    for name in (*WAREHOUSE_ASSETS, "validated_reports", "comparison_report"):
        assert name in text
    assert text.count("Materialized") >= len(WAREHOUSE_ASSETS)
    artifacts = repo_root / "tests" / "artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    browser_page.screenshot(path=str(artifacts / "ui_warehouse_lineage.png"))


def test_asset_checks_appear_with_their_results(ui: str, browser_page, repo_root: Path,
                                                ) -> None:  # noqa: ANN001
    text = _open(browser_page, f"{ui}/assets/validated_reports?view=checks",
                 "applications_arithmetic", "Succeeded")
    assert "Checks (4)" in text
    for check in ("applications_arithmetic", "review_litigation_arithmetic",
                  "every_file_reported", "validated_frames_match_schema"):
        assert check in text
    assert text.count("Succeeded") >= 4
    # A check's page shows its description and its result's metadata.
    browser_page.get_by_text("applications_arithmetic", exact=True).first.click()
    browser_page.get_by_text(re.compile(r"^Table 3 arithmetic \(勾稽关系")).first.wait_for(
        timeout=30_000)
    text = browser_page.inner_text("body")
    assert "flagged_reports" in text and "failure_cases" in text
    browser_page.screenshot(path=str(repo_root / "tests" / "artifacts" / "ui_checks.png"))
    text = _open(browser_page, f"{ui}/assets/parsed_reports?view=checks",
                 "parsed_frames_match_schema", "Succeeded")
    assert "Checks (1)" in text and "Succeeded" in text
