"""Devices written for Azure IoT Hub, talking MQTT to Vigil: the real
azure-iot-device SDK (which only connects to port 8883), paho-mqtt with a SAS
token computed here, and Debian's mosquitto_pub."""

import json
import signal
import ssl
import subprocess
import threading
import time
import uuid

import paho.mqtt.client as mqtt
import pytest
from azure.iot.device import IoTHubDeviceClient, Message, MethodResponse

from conftest import parse_connection_string, sas_token


def wait_until(predicate, timeout=15.0, interval=0.1):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()


def observations(vigil, patient):
    return vigil.api("GET", f"/api/v1/patients/{patient['id']}/observations?limit=10000")


def device_client(vigil, device, **options):
    return IoTHubDeviceClient.create_from_connection_string(
        device["connectionString"], server_verification_cert=vigil.ca_path.read_text(), **options)


def paho_client(vigil, device, tls=True, clean_session=True, token=None):
    """A paho client set up as an IoT Hub device: client id, user name, SAS password."""
    device_id = device["deviceId"]
    client = mqtt.Client(client_id=device_id, clean_session=clean_session, protocol=mqtt.MQTTv311)
    client.username_pw_set(f"localhost/{device_id}/?api-version=2021-04-12",
                           token or sas_token(device["connectionString"]))
    if tls:
        client.tls_set(ca_certs=str(vigil.ca_path), tls_version=ssl.PROTOCOL_TLS_CLIENT)
    return client


def connect_paho(vigil, client, tls=True):
    """Connects and returns the CONNACK's (return code, session present)."""
    result = {}
    done = threading.Event()

    def on_connect(_client, _userdata, flags, rc):
        result["rc"], result["session_present"] = rc, flags.get("session present", 0)
        done.set()

    client.on_connect = on_connect
    port = vigil.mqtt_port if tls else vigil.mqtt_plain_port
    client.connect("localhost" if tls else "127.0.0.1", port, keepalive=30)
    client.loop_start()
    assert done.wait(10), "no CONNACK"
    return result["rc"], result["session_present"]


# --- azure-iot-device --------------------------------------------------------


@pytest.mark.port_8883
def test_azure_sdk_sends_100_messages_and_all_are_stored(vigil_8883):
    patient, device = vigil_8883.create_patient_with_device("Azure Telemetry")
    client = device_client(vigil_8883, device)
    client.connect()
    sent = []
    for n in range(100):
        message = Message(json.dumps({"heartRate": 60 + n % 40}))
        message.message_id = str(uuid.uuid4())
        message.content_type = "application/json"
        message.content_encoding = "utf-8"
        message.custom_properties["sequence"] = str(n)
        client.send_message(message)  # returns once PUBACKed, i.e. committed
        sent.append(message.message_id)
    # Acknowledged means committed: everything is visible at once.
    stored = [item["messageId"] for item in observations(vigil_8883, patient) if item["type"] == "heartRate"]
    client.shutdown()
    assert sorted(stored) == sorted(sent)


@pytest.mark.port_8883
def test_azure_sdk_reads_its_twin_patches_reported_and_receives_desired(vigil_8883):
    _, device = vigil_8883.create_patient_with_device("Azure Twin")
    device_id = device["deviceId"]
    client = device_client(vigil_8883, device)
    client.connect()
    twin = client.get_twin()
    assert twin == {"desired": {"$version": 1}, "reported": {"$version": 1}}

    client.patch_twin_reported_properties({"battery": 81, "firmware": {"version": "1.2.0", "build": 7}})
    client.patch_twin_reported_properties({"firmware": {"build": None}})
    twin = client.get_twin()
    assert twin["reported"] == {"battery": 81, "firmware": {"version": "1.2.0"}, "$version": 3}

    patches = []
    received = threading.Event()

    def on_patch(patch):
        patches.append(patch)
        received.set()

    client.on_twin_desired_properties_patch_received = on_patch
    time.sleep(0.5)  # the SDK subscribes in the background
    view = vigil_8883.api("PATCH", f"/api/v1/devices/{device_id}/twin/desired", {"measureEveryMinutes": 30})
    assert view["desired"] == {"measureEveryMinutes": 30, "$version": 2}
    assert received.wait(10), "the desired-property patch never arrived"
    assert patches == [{"measureEveryMinutes": 30, "$version": 2}]
    assert client.get_twin()["desired"] == {"measureEveryMinutes": 30, "$version": 2}
    client.shutdown()

    api_twin = vigil_8883.api("GET", f"/api/v1/devices/{device_id}/twin")
    assert api_twin["reported"] == {"battery": 81, "firmware": {"version": "1.2.0"}, "$version": 3}


@pytest.mark.port_8883
def test_azure_sdk_answers_a_direct_method_invoked_through_the_api(vigil_8883):
    _, device = vigil_8883.create_patient_with_device("Azure Method")
    device_id = device["deviceId"]
    path = f"/api/v1/devices/{device_id}/methods/startMeasurement"
    offline = vigil_8883.api("POST", path, {"payload": {}}, expect=(404,))
    assert offline["error"]["code"] == "device_offline"

    client = device_client(vigil_8883, device)
    client.connect()
    calls = []

    def on_method(request):
        calls.append((request.name, request.payload))
        if request.name == "startMeasurement":
            client.send_method_response(MethodResponse.create_from_method_request(
                request, 200, {"started": True, "echo": request.payload}))

    client.on_method_request_received = on_method
    time.sleep(0.5)
    answer = vigil_8883.api("POST", path, {"payload": {"kind": "bp"}, "timeoutSeconds": 10})
    assert answer == {"status": 200, "payload": {"started": True, "echo": {"kind": "bp"}}}

    silent = vigil_8883.api("POST", f"/api/v1/devices/{device_id}/methods/ignored",
                            {"payload": None, "timeoutSeconds": 5}, expect=(504,))
    assert silent["error"]["code"] == "timeout"
    assert calls == [("startMeasurement", {"kind": "bp"}), ("ignored", None)]
    client.shutdown()


@pytest.mark.port_8883
def test_azure_sdk_receives_cloud_to_device_messages_queued_before_and_while_connected(vigil_8883):
    _, device = vigil_8883.create_patient_with_device("Azure C2D")
    device_id = device["deviceId"]
    send = f"/api/v1/devices/{device_id}/messages"
    vigil_8883.api("POST", send, {"command": "queued while offline"}, expect=(202,))

    received = []
    client = device_client(vigil_8883, device)
    client.on_message_received = received.append
    client.connect()
    vigil_8883.api("POST", send, {"command": "sent while connected"}, expect=(202,))
    assert wait_until(lambda: len(received) >= 2), f"received {len(received)} messages"
    bodies = [json.loads(message.data) for message in received]
    assert bodies == [{"command": "queued while offline"}, {"command": "sent while connected"}]
    assert all(message.content_type == "application/json" for message in received)
    client.shutdown()


@pytest.mark.port_8883
def test_azure_sdk_reconnects_after_a_server_restart_and_its_session_is_kept(vigil_8883):
    _, device = vigil_8883.create_patient_with_device("Azure Restart")
    device_id = device["deviceId"]
    received = []
    client = device_client(vigil_8883, device, connection_retry_interval=1)
    client.on_message_received = received.append  # subscribes to cloud-to-device messages
    client.connect()
    time.sleep(0.5)

    vigil_8883.stop()
    vigil_8883.start()
    vigil_8883.token = None
    assert wait_until(lambda: client.connected, timeout=30), "the SDK did not reconnect"
    log = (vigil_8883.data_dir / "server.log").read_text()
    assert f'"device":"{device_id}"' in log and '"session.present":"true"' in log

    # The SDK does not subscribe again after reconnecting: delivery works only
    # because the subscription was kept in the session across the restart.
    vigil_8883.api("POST", f"/api/v1/devices/{device_id}/messages", {"after": "restart"}, expect=(202,))
    assert wait_until(lambda: received), "no cloud-to-device message after the restart"
    assert json.loads(received[0].data) == {"after": "restart"}
    message = Message(json.dumps({"spo2": 96}))
    message.message_id = "after-restart"
    client.send_message(message)
    client.shutdown()


# --- paho-mqtt and mosquitto_pub -----------------------------------------------


@pytest.mark.parametrize("tls", [True, False], ids=["tls", "plain"])
@pytest.mark.parametrize("qos", [0, 1])
def test_paho_publishes_telemetry(vigil_plain, qos, tls):
    patient, device = vigil_plain.create_patient_with_device("Paho")
    client = paho_client(vigil_plain, device, tls=tls)
    assert connect_paho(vigil_plain, client, tls=tls) == (0, 0)
    topic = f"devices/{device['deviceId']}/messages/events/%24.mid=paho-{qos}&%24.ct=application%2Fjson"
    info = client.publish(topic, json.dumps({"readings": [{"type": "heartRate", "value": 70 + qos}]}), qos=qos)
    info.wait_for_publish(10)
    client.disconnect()
    client.loop_stop()
    stored = wait_until(lambda: [r for r in observations(vigil_plain, patient) if r["type"] == "heartRate"])
    assert [(r["messageId"], r["value"]) for r in stored] == [(f"paho-{qos}", 70 + qos)]


@pytest.mark.parametrize("qos", [0, 1])
def test_mosquitto_pub_publishes_telemetry_over_tls(vigil_plain, qos):
    patient, device = vigil_plain.create_patient_with_device("Mosquitto")
    device_id = device["deviceId"]
    result = subprocess.run(
        ["mosquitto_pub", "-h", "localhost", "-p", str(vigil_plain.mqtt_port), "--cafile", str(vigil_plain.ca_path),
         "-V", "mqttv311", "-i", device_id, "-u", f"localhost/{device_id}/?api-version=2021-04-12",
         "-P", sas_token(device["connectionString"]), "-q", str(qos),
         "-t", f"devices/{device_id}/messages/events/%24.mid=mosquitto-{qos}", "-m", json.dumps({"spo2": 95})],
        capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    stored = wait_until(lambda: [r for r in observations(vigil_plain, patient) if r["type"] == "spo2"])
    assert [r["messageId"] for r in stored] == [f"mosquitto-{qos}"]


def test_refused_credentials_get_connack_4_and_a_disabled_device_5(vigil_plain):
    _, device = vigil_plain.create_patient_with_device("Refused")
    fields = parse_connection_string(device["connectionString"])
    wrong_key = device["connectionString"].replace(fields["SharedAccessKey"], "AAAA" + fields["SharedAccessKey"][4:])
    client = paho_client(vigil_plain, device, token=sas_token(wrong_key))
    assert connect_paho(vigil_plain, client)[0] == 4
    client.loop_stop()

    vigil_plain.api("POST", f"/api/v1/devices/{device['deviceId']}/disable")
    client = paho_client(vigil_plain, device)
    assert connect_paho(vigil_plain, client)[0] == 5
    client.loop_stop()
    audit = vigil_plain.api("GET", "/api/v1/audit?limit=50")
    reasons = [entry.get("detail", "") for entry in audit if entry["action"] == "device.connect"]
    assert any("reason=bad_signature" in detail for detail in reasons)
    assert any("reason=device_disabled" in detail for detail in reasons)


def test_a_second_connection_for_a_device_drops_the_first(vigil_plain):
    _, device = vigil_plain.create_patient_with_device("Twice")
    first = paho_client(vigil_plain, device)
    dropped = threading.Event()
    first.on_disconnect = lambda *_: dropped.set()
    assert connect_paho(vigil_plain, first)[0] == 0
    second = paho_client(vigil_plain, device)
    assert connect_paho(vigil_plain, second)[0] == 0
    assert dropped.wait(10), "the first connection was not dropped"
    first.loop_stop()
    second.disconnect()
    second.loop_stop()


def test_qos2_publish_closes_the_connection_and_qos2_subscribe_is_granted_qos1(vigil_plain):
    _, device = vigil_plain.create_patient_with_device("QoS 2")
    client = paho_client(vigil_plain, device)
    granted = []
    subscribed = threading.Event()
    client.on_subscribe = lambda _c, _u, _mid, qos: (granted.extend(qos), subscribed.set())
    closed = threading.Event()
    client.on_disconnect = lambda *_: closed.set()
    connect_paho(vigil_plain, client)
    client.subscribe(f"devices/{device['deviceId']}/messages/devicebound/#", qos=2)
    assert subscribed.wait(10)
    assert granted == [1]
    client.publish(f"devices/{device['deviceId']}/messages/events/", "{}", qos=2)
    assert closed.wait(10), "a QoS 2 PUBLISH must close the connection"
    client.loop_stop()


def test_paho_session_is_present_after_a_restart_and_gets_messages_queued_meanwhile(vigil_plain):
    _, device = vigil_plain.create_patient_with_device("Persistent")
    device_id = device["deviceId"]
    client = paho_client(vigil_plain, device, clean_session=False)
    assert connect_paho(vigil_plain, client) == (0, 0)
    subscribed = threading.Event()
    client.on_subscribe = lambda *_: subscribed.set()
    client.subscribe(f"devices/{device_id}/messages/devicebound/#", qos=1)
    assert subscribed.wait(10)
    client.disconnect()
    client.loop_stop()

    vigil_plain.stop()
    vigil_plain.start()
    vigil_plain.token = None
    vigil_plain.api("POST", f"/api/v1/devices/{device_id}/messages", {"queued": "while away"}, expect=(202,))

    received = []
    client = paho_client(vigil_plain, device, clean_session=False)
    client.on_message = lambda _c, _u, message: received.append(message)
    assert connect_paho(vigil_plain, client) == (0, 1)
    assert wait_until(lambda: received), "the queued message was not delivered on the kept subscription"
    assert json.loads(received[0].payload) == {"queued": "while away"}
    assert received[0].qos == 1
    client.disconnect()
    client.loop_stop()

    # A clean session forgets the subscription.
    client = paho_client(vigil_plain, device, clean_session=True)
    assert connect_paho(vigil_plain, client) == (0, 0)
    client.disconnect()
    client.loop_stop()


def test_an_expiring_sas_token_ends_the_connection(vigil_plain):
    _, device = vigil_plain.create_patient_with_device("Expiring")
    client = paho_client(vigil_plain, device, token=sas_token(device["connectionString"], ttl=3))
    closed = threading.Event()
    client.on_disconnect = lambda *_: closed.set()
    assert connect_paho(vigil_plain, client)[0] == 0
    assert closed.wait(10), "the connection outlived its token"
    client.loop_stop()


def acknowledged_by_server(info):
    """Whether paho got the PUBACK (False for a publish that never went out)."""
    try:
        return info.is_published()
    except RuntimeError:
        return False


def test_sigkill_during_sustained_qos1_ingest_loses_no_acknowledged_message(vigil_plain):
    pairs = [vigil_plain.create_patient_with_device(f"Killed {n}") for n in range(8)]
    acknowledged = set()
    lock = threading.Lock()

    def stream(device, stop):
        client = paho_client(vigil_plain, device)
        client.max_inflight_messages_set(32)
        try:
            connect_paho(vigil_plain, client)
        except (AssertionError, OSError):
            return
        outstanding = []
        topic = f"devices/{device['deviceId']}/messages/events/"
        while not stop.is_set():
            message_id = str(uuid.uuid4())
            info = client.publish(topic + f"%24.mid={message_id}", json.dumps({"heartRate": 70}), qos=1)
            outstanding.append((info, message_id))
            done = [(i, m) for i, m in outstanding if acknowledged_by_server(i)]
            if done:
                with lock:
                    acknowledged.update(m for _, m in done)
                outstanding = [(i, m) for i, m in outstanding if not acknowledged_by_server(i)]
            time.sleep(0.0125)  # 80 messages/s: under the per-device rate limit
        client.loop_stop()
        with lock:
            acknowledged.update(m for i, m in outstanding if acknowledged_by_server(i))

    for round_number in range(3):
        stop = threading.Event()
        threads = [threading.Thread(target=stream, args=(device, stop)) for _, device in pairs]
        for thread in threads:
            thread.start()
        time.sleep(2)
        vigil_plain.kill()
        stop.set()
        for thread in threads:
            thread.join()
        vigil_plain.start()
        vigil_plain.token = None
        stored = set()
        for patient, _ in pairs:
            stored.update(item.get("messageId") for item in observations(vigil_plain, patient))
        missing = acknowledged - stored
        assert not missing, f"round {round_number}: {len(missing)} acknowledged messages lost"
    assert len(acknowledged) > 500


def test_sigterm_during_sustained_qos1_ingest_drains_and_loses_no_acknowledged_message(vigil_plain):
    pairs = [vigil_plain.create_patient_with_device(f"Drained {n}") for n in range(4)]
    acknowledged = set()
    lock = threading.Lock()
    stop = threading.Event()

    def stream(device):
        client = paho_client(vigil_plain, device)
        connect_paho(vigil_plain, client)
        outstanding = []
        topic = f"devices/{device['deviceId']}/messages/events/"
        while not stop.is_set():
            message_id = str(uuid.uuid4())
            outstanding.append((client.publish(topic + f"%24.mid={message_id}", '{"heartRate": 71}', qos=1),
                                message_id))
            time.sleep(0.0125)
        time.sleep(1)  # PUBACKs of the drained messages arrive before the close
        client.loop_stop()
        with lock:
            acknowledged.update(m for i, m in outstanding if acknowledged_by_server(i))

    threads = [threading.Thread(target=stream, args=(device,)) for _, device in pairs]
    for thread in threads:
        thread.start()
    time.sleep(1.5)
    started = time.time()
    vigil_plain.process.send_signal(signal.SIGTERM)
    assert vigil_plain.process.wait(timeout=30) == 0
    assert time.time() - started < 15, "shutdown did not drain promptly"
    stop.set()
    for thread in threads:
        thread.join()
    vigil_plain.log.close()
    vigil_plain.start()
    vigil_plain.token = None
    stored = set()
    for patient, _ in pairs:
        stored.update(item.get("messageId") for item in observations(vigil_plain, patient))
    assert acknowledged and not acknowledged - stored


def test_publishing_as_another_device_or_over_the_rate_limit_disconnects(vigil_plain):
    _, device = vigil_plain.create_patient_with_device("Misbehaving")
    _, other = vigil_plain.create_patient_with_device("Other")

    client = paho_client(vigil_plain, device)
    closed = threading.Event()
    client.on_disconnect = lambda *_: closed.set()
    connect_paho(vigil_plain, client)
    client.publish(f"devices/{other['deviceId']}/messages/events/", json.dumps({"heartRate": 70}), qos=1)
    assert closed.wait(10), "publishing to another device's topic must disconnect"
    client.loop_stop()

    client = paho_client(vigil_plain, device)
    closed = threading.Event()
    client.on_disconnect = lambda *_: closed.set()
    client.max_queued_messages_set(0)
    connect_paho(vigil_plain, client)
    topic = f"devices/{device['deviceId']}/messages/events/"
    for _ in range(400):  # the limit is 100/s with bursts of 200
        if closed.is_set():
            break
        client.publish(topic, json.dumps({"heartRate": 70}), qos=0)
    assert closed.wait(10), "a device over its rate limit must be disconnected"
    client.loop_stop()


def test_a_silent_client_is_dropped_after_one_and_a_half_keep_alive_intervals(vigil_plain):
    import socket
    _, device = vigil_plain.create_patient_with_device("Silent")
    device_id = device["deviceId"].encode()
    username = f"localhost/{device['deviceId']}/?api-version=2021-04-12".encode()
    password = sas_token(device["connectionString"]).encode()

    def field(data):
        return len(data).to_bytes(2, "big") + data

    # CONNECT: MQTT 3.1.1, user name + password + clean session, keep-alive 1 s.
    body = field(b"MQTT") + bytes([4, 0xC2]) + (1).to_bytes(2, "big") + field(device_id) + field(username) + field(password)
    length, encoded = len(body), b""
    while True:
        byte, length = length % 128, length // 128
        encoded += bytes([byte | (0x80 if length else 0)])
        if not length:
            break
    with socket.create_connection(("127.0.0.1", vigil_plain.mqtt_plain_port), timeout=10) as sock:
        sock.sendall(bytes([0x10]) + encoded + body)
        assert sock.recv(4) == bytes([0x20, 2, 0, 0])  # CONNACK accepted
        started = time.time()
        assert sock.recv(1) == b"", "the server must close the connection"
        assert 1.0 <= time.time() - started <= 5.0
