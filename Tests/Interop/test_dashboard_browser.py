"""The clinician dashboard in a real browser: headless Chromium (Debian's
`chromium` and `chromium-driver`) driven by selenium, against a real
`vigil serve`. Devices post readings to the HTTPS device endpoint as real
devices do. Screenshots go to .build/artifacts/dashboard/."""

import json
import os
import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT
from test_https_telemetry import post_telemetry

ARTIFACTS = ROOT / ".build" / "artifacts" / "dashboard"
CHROMEDRIVER = os.environ.get("VIGIL_CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("VIGIL_CHROMIUM", "/usr/bin/chromium")
PASSWORD = "browser-test-password"

NORMAL = {"respiratoryRate": 16, "spo2": 97, "systolic": 120, "heartRate": 70, "temperature": 37.0}
MODERATE = {"respiratoryRate": 22, "spo2": 94, "systolic": 105, "heartRate": 95, "temperature": 38.5}
DETERIORATING = {"respiratoryRate": 27, "spo2": 90, "systolic": 88, "heartRate": 135, "temperature": 39.5}


def selenium_modules():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("selenium is not installed: the browser test must run in CI")
        pytest.skip("selenium is not installed")
    if not (Path(CHROMEDRIVER).exists() and shutil.which(CHROMIUM)):
        if os.environ.get("CI") == "true":
            pytest.fail("chromium and chromium-driver are missing: the browser test must run in CI")
        pytest.skip("chromium or chromium-driver is missing")
    return webdriver, Service, By, WebDriverWait


def vitals_message(vitals):
    return {
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "readings": [
            {"type": "respiratoryRate", "value": vitals["respiratoryRate"]},
            {"type": "spo2", "value": vitals["spo2"]},
            {"type": "bloodPressure", "systolic": vitals["systolic"], "diastolic": 70, "unit": "mm[Hg]"},
            {"type": "heartRate", "value": vitals["heartRate"]},
            {"type": "bodyTemperature", "value": vitals["temperature"], "unit": "Cel"},
        ],
    }


def wait_for(condition, timeout=20, what="condition"):
    """Polls `condition`; an element replaced while it was read counts as not yet."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            result = condition()
        except (NoSuchElementException, StaleElementReferenceException):
            result = None
        if result:
            return result
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def browser(vigil):
    webdriver, Service, By, WebDriverWait = selenium_modules()
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1400,1000", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-default-apps"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


class Dashboard:
    """Helpers over one browser and one server."""

    def __init__(self, driver, vigil):
        from selenium.webdriver.common.by import By
        self.driver = driver
        self.vigil = vigil
        self.By = By
        self.requested = []

    def open(self, path):
        self.driver.get(self.vigil.url + path)

    def shot(self, name):
        self.driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))

    def sign_in(self, username):
        self.open("/dashboard/signin")
        self.driver.find_element(self.By.ID, "username").send_keys(username)
        self.driver.find_element(self.By.ID, "password").send_keys(PASSWORD)
        self.driver.find_element(self.By.CSS_SELECTOR, "form.signin button[type=submit]").click()
        wait_for(lambda: "/dashboard/signin" not in self.driver.current_url, what="sign-in")

    def sign_out(self):
        self.driver.find_element(self.By.CSS_SELECTOR, "form.signout button[type=submit]").click()
        wait_for(lambda: self.driver.current_url.endswith("/dashboard/signin"), what="sign-out")

    def row_order(self):
        """The patient ids of the worklist rows, read in one step (the live update replaces them)."""
        return self.driver.execute_script(
            "return Array.from(document.querySelectorAll('#live-target tr[data-patient-id]'))"
            ".map(function (row) { return row.getAttribute('data-patient-id'); });")

    def collect_requests(self):
        """Every URL the browser requested so far (DevTools network log and resource timing)."""
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                self.requested.append(message["params"]["request"]["url"])
        self.requested += self.driver.execute_script(
            "return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
            ".concat([location.href]);")

    def assert_only_own_origin(self):
        self.collect_requests()
        foreign = [url for url in self.requested
                   if not url.startswith(self.vigil.url + "/") and not url.startswith(("data:", "about:"))]
        assert self.requested, "no requests were recorded"
        assert foreign == [], f"requests to another origin: {foreign}"
        violations = [entry["message"] for entry in self.driver.get_log("browser")
                      if "Content Security Policy" in entry["message"]]
        assert violations == [], f"CSP violations: {violations}"

    def session_cookie(self):
        return self.driver.get_cookie("vigil_session")["value"]

    def status_of(self, path, session=None):
        """The HTTP status (redirects not followed) of a page fetched with the
        browser's session cookie, or with `session`."""
        session = session or self.session_cookie()
        request = urllib.request.Request(self.vigil.url + path, headers={"cookie": f"vigil_session={session}"})
        opener = urllib.request.build_opener(NoRedirect())
        try:
            with opener.open(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *arguments):
        return None


def test_clinician_and_patient_use_the_dashboard_in_a_browser(vigil, browser):
    # Three patients on one clinician's care team, each with a device.
    alice, alice_device = vigil.create_patient_with_device("Alice Browser")
    bob, bob_device = vigil.create_patient_with_device("Bob Browser")
    cara, _ = vigil.create_patient_with_device("Cara Browser")
    clinician = vigil.api("POST", "/api/v1/users", {"username": "dr-browser", "password": PASSWORD,
                                                    "role": "clinician", "displayName": "Dr Browser"})
    vigil.api("POST", "/api/v1/users", {"username": "alice", "password": PASSWORD, "role": "patient",
                                        "displayName": "Alice", "patientId": alice["id"]})
    for patient in (alice, bob, cara):
        vigil.api("PUT", f"/api/v1/patients/{patient['id']}/care-team", {"clinicianIds": [clinician["id"]]})
    # Alice is well (NEWS2 0), Bob is unwell (NEWS2 6: a high alert), Cara has sent nothing.
    assert post_telemetry(vigil, alice_device, vitals_message(NORMAL)) == 204
    assert post_telemetry(vigil, bob_device, vitals_message(MODERATE)) == 204
    token = vigil.admin_token()
    wait_for(lambda: vigil.api("GET", f"/api/v1/alerts?patientId={bob['id']}", token=token), what="Bob's alert")

    page = Dashboard(browser, vigil)
    page.sign_in("dr-browser")
    assert browser.current_url.endswith("/dashboard/worklist")
    assert page.row_order() == [bob["id"], alice["id"], cara["id"]]
    page.shot("01-worklist")

    # Open Bob's page and acknowledge his alert with a note.
    browser.find_element(page.By.LINK_TEXT, "Bob Browser").click()
    wait_for(lambda: f"/dashboard/patients/{bob['id']}" in browser.current_url, what="Bob's page")
    assert browser.find_elements(page.By.CSS_SELECTOR, "svg.chart"), "no charts on the patient page"
    page.shot("02-patient")
    note = browser.find_element(page.By.CSS_SELECTOR, "tr[data-alert-id] input[name=note]")
    note.send_keys("Phoned Bob; GP visit booked")
    browser.find_element(page.By.CSS_SELECTOR, "tr[data-alert-id] button[data-action=acknowledge]").click()
    wait_for(lambda: browser.find_element(page.By.CSS_SELECTOR, "tr[data-alert-id] [data-state]").text == "acknowledged",
             what="the acknowledged state")
    page.shot("03-acknowledged")
    alerts = vigil.api("GET", f"/api/v1/alerts?patientId={bob['id']}", token=token)
    assert alerts[0]["state"] == "acknowledged"
    assert alerts[0]["acknowledgementNote"] == "Phoned Bob; GP visit booked"

    # Back on the worklist, Alice deteriorates: the list reorders without a reload.
    browser.find_element(page.By.LINK_TEXT, "Worklist").click()
    wait_for(lambda: browser.find_elements(page.By.CSS_SELECTOR, "[data-live-connected=true]"), what="the live stream")
    browser.execute_script("window.vigilNotReloaded = true;")
    order_before = page.row_order()
    assert order_before[0] == bob["id"]
    assert post_telemetry(vigil, alice_device, vitals_message(DETERIORATING)) == 204
    wait_for(lambda: page.row_order() and page.row_order()[0] == alice["id"], what="the live worklist update")
    assert browser.execute_script("return window.vigilNotReloaded === true;"), "the page was reloaded"
    wait_for(lambda: "critical" in browser.find_element(page.By.CSS_SELECTOR, "#live-target tr[data-patient-id]").text,
             what="Alice's critical alert in her row")
    page.shot("04-worklist-live")
    page.assert_only_own_origin()
    session = page.session_cookie()
    assert page.status_of("/dashboard/worklist", session)[0] == 200
    page.sign_out()
    page.shot("05-signed-out")
    assert page.status_of("/dashboard/worklist", session)[0] == 303, "the session outlived sign-out"

    # Alice herself sees only her own readings; Bob's page does not exist for her.
    page.sign_in("alice")
    assert browser.current_url.endswith(f"/dashboard/patients/{alice['id']}")
    body = browser.find_element(page.By.TAG_NAME, "body").text
    assert "Alice Browser" in body
    assert "Bob Browser" not in body and "Cara Browser" not in body
    assert "Acknowledge" not in body and "Alerts" not in body
    assert browser.find_elements(page.By.CSS_SELECTOR, "svg.chart")
    page.shot("06-patient-view")
    status, text = page.status_of(f"/dashboard/patients/{bob['id']}")
    assert status == 404
    assert "Bob Browser" not in text
    page.open(f"/dashboard/patients/{bob['id']}")
    assert browser.find_element(page.By.TAG_NAME, "h1").text == "Not found"
    assert page.status_of("/dashboard/worklist")[0] == 403
    page.shot("07-other-patient-404")
    page.assert_only_own_origin()
    page.open("/dashboard")
    assert browser.current_url.endswith(f"/dashboard/patients/{alice['id']}")
    page.sign_out()
