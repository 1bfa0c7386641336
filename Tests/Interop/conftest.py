"""Fixtures for interoperability tests: a real `vigil serve` process on free
loopback ports with a throw-away data folder, and helpers to use its API."""

import base64
import fcntl
import hashlib
import hmac
import json
import os
import signal
import socket
import ssl
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PASSWORD = "interop-admin-password"


def vigil_binary() -> Path:
    """The `vigil` executable the test script built."""
    override = os.environ.get("VIGIL_BINARY")
    if override:
        return Path(override)
    for candidate in (ROOT / ".build" / "debug" / "vigil", ROOT / ".build" / "release" / "vigil"):
        if candidate.exists():
            return candidate
    pytest.fail("vigil is not built: run `swift build` first")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class VigilServer:
    """One Vigil process; it can be killed and started again on the same data."""

    def __init__(self, data_dir: Path, extra_env=None, mqtt_port=None, mqtt_plain_port=None):
        self.data_dir = data_dir
        self.http_port = free_port()
        self.https_port = free_port()
        # A free port unless a test needs IoT Hub's 8883 (the Azure SDK's only port).
        self.mqtt_port = mqtt_port or free_port()
        self.mqtt_plain_port = mqtt_plain_port
        self.extra_env = extra_env or {}
        self.process = None
        self.token = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def https_url(self) -> str:
        return f"https://localhost:{self.https_port}"

    @property
    def ca_path(self) -> Path:
        return self.data_dir / "tls" / "ca.pem"

    def command(self, *arguments):
        return [str(vigil_binary()), *arguments, "--data-dir", str(self.data_dir)]

    def start(self):
        env = dict(os.environ, VIGIL_BOOTSTRAP_ADMIN_PASSWORD=ADMIN_PASSWORD, **self.extra_env)
        self.log = open(self.data_dir / "server.log", "ab")
        arguments = ["serve", "--http-port", str(self.http_port), "--https-port", str(self.https_port),
                     "--mqtt-port", str(self.mqtt_port), "--http-host", "127.0.0.1"]
        if self.mqtt_plain_port:
            arguments += ["--mqtt-plain-port", str(self.mqtt_plain_port)]
        self.process = subprocess.Popen(self.command(*arguments), stdout=self.log, stderr=self.log, env=env)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"vigil exited with {self.process.returncode}; see {self.data_dir / 'server.log'}")
            try:
                with urllib.request.urlopen(self.url + "/health/ready", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        pytest.fail("vigil did not become ready within 60 s")

    def kill(self):
        """SIGKILL: no chance to flush or shut down."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        self.log.close()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.log.close()

    # --- API helpers -------------------------------------------------------

    def api(self, method, path, body=None, token=None, expect=(200, 201, 204)):
        token = token or self.admin_token()
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("authorization", f"Bearer {token}")
        if data is not None:
            request.add_header("content-type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode()
        assert status in expect, f"{method} {path} -> {status}: {text}"
        return json.loads(text) if text else None

    def admin_token(self):
        if self.token is None:
            request = urllib.request.Request(
                self.url + "/api/v1/auth/login", method="POST",
                data=json.dumps({"username": "admin", "password": ADMIN_PASSWORD}).encode(),
                headers={"content-type": "application/json"})
            with urllib.request.urlopen(request, timeout=30) as response:
                self.token = json.loads(response.read())["token"]
        return self.token

    def create_patient_with_device(self, name="Interop Patient"):
        patient = self.api("POST", "/api/v1/patients", {"displayName": name})
        device = self.api("POST", "/api/v1/devices", {"patientId": patient["id"]})
        return patient, device

    def tls_context(self):
        return ssl.create_default_context(cafile=str(self.ca_path))


def parse_connection_string(text: str) -> dict:
    return dict(part.split("=", 1) for part in text.split(";"))


def sas_token(connection_string: str, ttl: int = 3600) -> str:
    """A SAS token computed from a connection string the way the IoT Hub SDKs do."""
    fields = parse_connection_string(connection_string)
    resource = f"{fields['HostName']}/devices/{fields['DeviceId']}"
    encoded = urllib.parse.quote(resource, safe="")
    expiry = int(time.time()) + ttl
    key = base64.b64decode(fields["SharedAccessKey"])
    signature = base64.b64encode(hmac.new(key, f"{encoded}\n{expiry}".encode(), hashlib.sha256).digest())
    return (f"SharedAccessSignature sr={encoded}"
            f"&sig={urllib.parse.quote(signature.decode(), safe='')}&se={expiry}")


@pytest.fixture
def data_dir():
    with tempfile.TemporaryDirectory(prefix="vigil-interop-") as folder:
        yield Path(folder)


@pytest.fixture
def vigil(data_dir):
    server = VigilServer(data_dir)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def vigil_plain(data_dir):
    """A Vigil with MQTT over TLS on a free port and plain MQTT on another."""
    server = VigilServer(data_dir, mqtt_plain_port=free_port())
    server.start()
    yield server
    server.stop()


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "port_8883: uses the fixed MQTT port 8883; such tests run one at a time, machine-wide")


@pytest.fixture
def vigil_8883(data_dir):
    """A Vigil whose MQTT/TLS listener is on 8883, where the Azure IoT SDK connects.

    A lock file makes every such test (in this run or any other on the machine)
    wait for the previous one, since only one server can listen on 8883."""
    with open(Path(tempfile.gettempdir()) / "vigil-interop-mqtt-8883.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        server = VigilServer(data_dir, mqtt_port=8883, mqtt_plain_port=free_port())
        server.start()
        try:
            yield server
        finally:
            server.stop()
            fcntl.flock(lock, fcntl.LOCK_UN)
