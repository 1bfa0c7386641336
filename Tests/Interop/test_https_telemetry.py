"""A device that speaks IoT Hub's HTTPS protocol, written with Python's
standard library only: it computes SAS tokens from its connection string,
trusts Vigil's CA, and posts telemetry."""

import http.client
import json
import subprocess
import threading
import time
import uuid

from conftest import sas_token, parse_connection_string


def post_telemetry(vigil, device, body, message_id=None, token=None, connection=None):
    """POSTs one message; returns the HTTP status."""
    fields = parse_connection_string(device["connectionString"])
    own = connection is None
    connection = connection or http.client.HTTPSConnection(
        "localhost", vigil.https_port, context=vigil.tls_context(), timeout=30)
    headers = {"Authorization": token or sas_token(device["connectionString"]),
               "Content-Type": "application/json"}
    if message_id:
        headers["iothub-messageid"] = message_id
    connection.request("POST", f"/devices/{fields['DeviceId']}/messages/events?api-version=2021-04-12",
                       body=json.dumps(body), headers=headers)
    response = connection.getresponse()
    response.read()
    if own:
        connection.close()
    return response.status


def test_telemetry_posted_with_a_self_computed_sas_token_appears_in_the_api(vigil):
    patient, device = vigil.create_patient_with_device()
    assert device["connectionString"].startswith("HostName=localhost;DeviceId=")
    status = post_telemetry(vigil, device, {
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "readings": [{"type": "heartRate", "value": 72},
                     {"type": "bloodPressure", "systolic": 128, "diastolic": 84, "unit": "mm[Hg]"}]})
    assert status == 204
    readings = [r for r in vigil.api("GET", f"/api/v1/patients/{patient['id']}/observations")
                if r.get("deviceId")]
    assert sorted((r["type"], r["value"]) for r in readings) == [
        ("diastolic", 84), ("heartRate", 72), ("systolic", 128)]


def test_the_https_listener_refuses_plain_http_and_old_tls(vigil):
    import ssl
    context = vigil.tls_context()
    context.maximum_version = ssl.TLSVersion.TLSv1_1
    context.minimum_version = ssl.TLSVersion.TLSv1
    connection = http.client.HTTPSConnection("localhost", vigil.https_port, context=context, timeout=10)
    try:
        connection.request("GET", "/health/live")
        connection.getresponse()
        assert False, "TLS 1.1 must be refused"
    except (ssl.SSLError, ConnectionError, OSError):
        pass
    strict = vigil.tls_context()
    strict.minimum_version = ssl.TLSVersion.TLSv1_2
    strict.maximum_version = ssl.TLSVersion.TLSv1_2
    connection = http.client.HTTPSConnection("localhost", vigil.https_port, context=strict, timeout=10)
    connection.request("GET", "/health/live")
    assert connection.getresponse().status == 200


def test_sigkill_during_a_sustained_stream_loses_no_acknowledged_reading(vigil):
    pairs = [vigil.create_patient_with_device(f"Streamer {n}") for n in range(4)]
    acknowledged = set()
    lock = threading.Lock()
    stop = threading.Event()

    def stream(device):
        connection = None
        while not stop.is_set():
            message_id = str(uuid.uuid4())
            try:
                connection = connection or http.client.HTTPSConnection(
                    "localhost", vigil.https_port, context=vigil.tls_context(), timeout=5)
                status = post_telemetry(vigil, device, {"heartRate": 70}, message_id=message_id,
                                        connection=connection)
                if status == 204:
                    with lock:
                        acknowledged.add(message_id)
            except (OSError, http.client.HTTPException):
                connection = None
                time.sleep(0.01)

    for round_number in range(3):
        threads = [threading.Thread(target=stream, args=(device,)) for _, device in pairs]
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        vigil.kill()
        stop.set()
        for thread in threads:
            thread.join()
        stop.clear()
        vigil.start()
        vigil.token = None
        stored = set()
        for patient, _ in pairs:
            for item in vigil.api("GET", f"/api/v1/patients/{patient['id']}/observations?type=heartRate&limit=10000"):
                stored.add(item["messageId"])
        missing = acknowledged - stored
        assert not missing, f"round {round_number}: {len(missing)} acknowledged readings lost"
    assert len(acknowledged) > 50


def test_master_key_rotation_under_a_running_stream_refuses_no_device(vigil):
    _, device = vigil.create_patient_with_device()
    statuses = []
    stop = threading.Event()

    def stream():
        connection = http.client.HTTPSConnection("localhost", vigil.https_port, context=vigil.tls_context(), timeout=10)
        while not stop.is_set():
            statuses.append(post_telemetry(vigil, device, {"steps": 10}, connection=connection))
            time.sleep(0.02)

    thread = threading.Thread(target=stream)
    thread.start()
    time.sleep(0.5)
    for _ in range(2):
        result = subprocess.run(vigil.command("keys", "rotate-master"), capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        assert "re-wrapped 1 device key pair" in result.stdout
        time.sleep(6)  # longer than the credential cache, so the new wrapping is read
    stop.set()
    thread.join()
    assert statuses and all(status == 204 for status in statuses), sorted(set(statuses))
    keys = (vigil.data_dir / "master.keys").read_text().split()
    assert len(keys) == 3
