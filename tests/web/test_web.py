"""The web front end in a real headless Chromium: audit query → finding → plan page with the span marked.

Needs Debian's chromium and chromium-driver (``make test`` installs them). Without them the test
is skipped on a developer machine running pytest by hand, but fails under ``make test`` (make sets
MAKELEVEL) and in CI (``CI`` set), so the suite never silently stops running it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.request

import pytest

from composed_plans import complete_plan
from pipeline.derive import audit
from pipeline.queries import compare
from pipeline import store
from pipeline.web import serve
from pipeline.queries import audit as audit_query
from pipeline.derive import refresh

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
if not (CHROMIUM and DRIVER):
    if os.environ.get("CI") or os.environ.get("MAKELEVEL"):
        raise RuntimeError("CI needs chromium and chromium-driver for the web test (make system-deps installs them)")
    pytest.skip("chromium / chromedriver not installed", allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from processes import free_port


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("web")
    path = tmp / "kehoach.db"
    db = store.connect(path)
    p = complete_plan("27/KH-UBND", "Phú Yên", "2024-04-02")
    p.task(["II", "4"], "Phối hợp kiểm tra cơ sở kinh doanh dịch vụ nhạy cảm.", "phong_ngua", [], ["cong_an_tinh"])
    p.deadline("period", "Thời gian thực hiện từ ngày 02/5/2024 đến ngày 29/11/2024.", start="2024-05-02",
               end="2024-11-29")  # a period's dates are not offsets: the mark still sits on its words
    p.write(db)
    refresh.rebuild(db)
    audit.save(db, audit_query.run(db))
    compare.save_measures(db)
    db.close()
    port = free_port()
    proc = subprocess.Popen(serve.command(path, port=port, folder=tmp), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("datasette did not start: " + proc.stderr.read().decode()[-2000:])
    yield base, p
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,1000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chrome-profile')}"):
        opts.add_argument(flag)
    drv = webdriver.Chrome(service=Service(DRIVER), options=opts)
    drv.set_page_load_timeout(20)
    yield drv
    drv.quit()


def test_an_auditor_follows_a_finding_to_the_highlighted_span(site, browser):
    base, plan = site
    browser.get(base + "/kehoach/audit?province=&year=&kind=no_lead")
    assert "Audit findings" in browser.title or "Kiểm tra" in browser.page_source
    link = browser.find_element(By.CSS_SELECTOR, "a.open-plan")
    row = link.find_element(By.XPATH, "./ancestor::tr").text
    assert "no_lead" in row and "II / 4" in row
    link.click()
    focus = browser.find_element(By.ID, "focus")
    assert focus.tag_name == "mark"
    assert focus.text.strip() == "4. Phối hợp kiểm tra cơ sở kinh doanh dịch vụ nhạy cảm."
    # the other facts are marked too: the recurring reporting cycle and the targets
    kinds = {m.get_attribute("class") for m in browser.find_elements(By.CSS_SELECTOR, "mark.fact")}
    assert any("k-deadline" in k for k in kinds) and any("k-target" in k for k in kinds)
    deadlines = {m.text.strip() for m in browser.find_elements(By.CSS_SELECTOR, "mark.k-deadline")}
    assert "Thời gian thực hiện từ ngày 02/5/2024 đến ngày 29/11/2024." in deadlines
    browser.save_screenshot("/tmp/kehoach_web_plan.png")


def test_canned_comparisons_take_a_province_parameter_and_facets_show(site, browser):
    base, _ = site
    browser.get(base + "/kehoach/areas_per_province?province=Đắk+Lắk&year=")
    cells = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "td.col-province")]
    assert cells and set(cells) == {"Đắk Lắk"}  # Phú Yên's plan counts for Đắk Lắk today
    browser.get(base + "/kehoach/audit_findings")
    assert "kind" in browser.find_element(By.CSS_SELECTOR, ".facet-results").text
