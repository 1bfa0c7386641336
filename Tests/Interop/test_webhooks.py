"""Hospital systems receive Vigil's events as Standard Webhooks: verified with
the `standardwebhooks` package, delivered exactly once per event at the
application level despite failures, in order per patient, and never lost,
not even when Vigil is killed between commit and delivery."""

import json
import socket
import struct
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import standardwebhooks
from standardwebhooks import Webhook, WebhookVerificationError

from conftest import VigilServer, free_port
from test_https_telemetry import post_telemetry

WEBHOOK_ENV = {
    "VIGIL_WEBHOOKS_ALLOW_INSECURE_LOOPBACK": "true",
    "VIGIL_WEBHOOK_RETRY_SCHEDULE": "0,1,1,1,1,1,1,1,1,1",
    "VIGIL_WEBHOOK_LEASE_SECONDS": "20",
}


class Receiver:
    """A loopback webhook receiver: verifies signatures, fails on purpose at
    first, and records what its application processed."""

    def __init__(self, failures=()):
        self.failures = list(failures)  # "500", "reset", "timeout", consumed one per request
        self.secret = None
        self.processed = {}  # webhook-id -> payload
        self.order = []  # webhook-ids in the order the application processed them
        self.attempts = 0
        self.rejected = 0
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                with receiver.lock:
                    receiver.attempts += 1
                    failure = receiver.failures.pop(0) if receiver.failures else None
                if failure == "reset":
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.connection.close()
                    return
                if failure == "timeout":
                    time.sleep(17)
                    return
                if failure == "500":
                    self.send_response(500)
                    self.end_headers()
                    return
                try:
                    payload = Webhook(receiver.secret).verify(body, dict(self.headers))
                except WebhookVerificationError:
                    with receiver.lock:
                        receiver.rejected += 1
                    self.send_response(400)
                    self.end_headers()
                    return
                with receiver.lock:
                    webhook_id = self.headers["webhook-id"]
                    if webhook_id not in receiver.processed:
                        receiver.processed[webhook_id] = payload
                        receiver.order.append(webhook_id)
                self.send_response(204)
                self.end_headers()

        self.port = free_port()
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/hooks"

    def message_ids(self):
        with self.lock:
            return [self.processed[i]["data"].get("messageId") for i in self.order]

    def wait_for(self, count, timeout=90):
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self.lock:
                if len(self.processed) >= count:
                    return
            time.sleep(0.1)
        pytest.fail(f"received {len(self.processed)} of {count} events in {timeout} s")

    def close(self):
        self.server.shutdown()


@pytest.fixture
def webhook_vigil(data_dir):
    server = VigilServer(data_dir, extra_env=WEBHOOK_ENV)
    server.start()
    yield server
    server.stop()


def subscribe(vigil, receiver):
    created = vigil.api("POST", "/api/v1/webhooks", {"url": receiver.url, "events": ["device.quarantine"],
                                                      "description": "interop receiver"})
    assert created["secret"].startswith("whsec_")
    receiver.secret = created["secret"]
    return created


def send_refused(vigil, device, message_id):
    """A message whose only reading is implausible: quarantined, so a device.quarantine event."""
    assert post_telemetry(vigil, device, {"heartRate": 999}, message_id=message_id) == 400


def test_every_event_arrives_once_in_order_despite_failures(webhook_vigil):
    receiver = Receiver(failures=["500", "reset", "500", "timeout", "500"])
    try:
        subscribe(webhook_vigil, receiver)
        _, device = webhook_vigil.create_patient_with_device()
        sent = [f"m-{n}" for n in range(6)]
        for message_id in sent:
            send_refused(webhook_vigil, device, message_id)
        receiver.wait_for(len(sent))
        time.sleep(2)  # any duplicate delivery would arrive now
        assert receiver.message_ids() == sent
        assert receiver.attempts > len(sent)
        assert receiver.rejected == 0
        event = receiver.processed[receiver.order[0]]
        assert event["type"] == "device.quarantine"
        assert event["data"]["items"] == [{"reason": "implausible_value", "vitalType": "heartRate"}]
        assert "displayName" not in json.dumps(event)
    finally:
        receiver.close()


def test_the_receiver_rejects_a_replay_older_than_five_minutes(webhook_vigil, monkeypatch):
    captured = {}
    receiver = Receiver()
    original = Webhook.verify

    def capture(self, data, headers, **kwargs):
        captured.setdefault("request", (data, dict(headers)))
        return original(self, data, headers, **kwargs)

    monkeypatch.setattr(Webhook, "verify", capture)
    try:
        subscribe(webhook_vigil, receiver)
        _, device = webhook_vigil.create_patient_with_device()
        send_refused(webhook_vigil, device, "replayed")
        receiver.wait_for(1)
    finally:
        receiver.close()
    data, headers = captured["request"]
    Webhook(receiver.secret).verify(data, headers)  # genuine and fresh
    # The same request presented again five minutes and a second later.
    monkeypatch.setattr(standardwebhooks.webhooks, "datetime", _ShiftedDateTime(301))
    with pytest.raises(WebhookVerificationError):
        Webhook(receiver.secret).verify(data, headers)


class _ShiftedDateTime:
    """`datetime.datetime` as seen `seconds` from now, for checking replay windows."""

    def __init__(self, seconds):
        import datetime
        self._real = datetime.datetime
        self._shift = datetime.timedelta(seconds=seconds)

    def now(self, tz=None):
        return self._real.now(tz) + self._shift

    def __getattr__(self, name):
        return getattr(self._real, name)


def test_sigkill_between_commit_and_delivery_loses_no_event(data_dir):
    receiver = Receiver(failures=["500"] * 3)
    server = VigilServer(data_dir, extra_env=WEBHOOK_ENV)
    server.start()
    try:
        subscribe(server, receiver)
        _, device = server.create_patient_with_device()
        sent = []
        for round_number in range(3):
            for n in range(5):
                message_id = f"r{round_number}-{n}-{uuid.uuid4().hex[:6]}"
                send_refused(server, device, message_id)
                sent.append(message_id)
            server.kill()
            server.start()
            server.token = None
        receiver.wait_for(len(sent))
        time.sleep(2)
        assert sorted(receiver.message_ids()) == sorted(sent)
        assert len(receiver.order) == len(sent)
    finally:
        server.stop()
        receiver.close()
