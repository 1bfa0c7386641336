"""`/metrics` read with the Prometheus project's own text-format parser, and
counters that move as expected under a short load from `vigil simulate`."""

import json
import subprocess
import urllib.request

from prometheus_client.parser import text_string_to_metric_families

from conftest import ADMIN_PASSWORD, vigil_binary


def scrape(vigil):
    """Every sample of `/metrics`, as {(name, frozenset(labels)): value}."""
    with urllib.request.urlopen(vigil.url + "/metrics", timeout=30) as response:
        assert response.status == 200
        assert response.headers["content-type"].startswith("text/plain")
        text = response.read().decode()
    samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return samples


def value(samples, name, **labels):
    return samples.get((name, frozenset(labels.items())), 0.0)


def total(samples, name, **labels):
    """The sum over every series of `name` whose labels include `labels`."""
    wanted = set(labels.items())
    return sum(v for (n, l), v in samples.items() if n == name and wanted <= set(l))


def simulate(vigil, *arguments):
    """Runs `vigil simulate` against the server; returns its JSON summary."""
    command = [str(vigil_binary()), "simulate", "--api-url", vigil.url,
               "--device-url", vigil.https_url, "--data-dir", str(vigil.data_dir),
               "--admin-password", ADMIN_PASSWORD, "--json", *arguments]
    finished = subprocess.run(command, capture_output=True, timeout=120, check=True)
    return json.loads(finished.stdout)


def test_metrics_parse_and_ingest_counters_follow_a_simulated_https_load(vigil):
    before = scrape(vigil)
    assert value(before, "vigil_mqtt_connected_devices") == 0
    summary = simulate(vigil, "--protocol", "https", "--devices", "4", "--rate", "25", "--duration", "3",
                       "--bad-readings", "0.3", "--seed", "5")
    assert summary["sent"] > 40
    assert summary["acknowledged"] == summary["sent"]
    after = scrape(vigil)

    # Every 204 is a message stored, possibly with some readings quarantined.
    stored = sum(total(after, "vigil_ingest_messages_total", protocol="https", outcome=o)
                 - total(before, "vigil_ingest_messages_total", protocol="https", outcome=o)
                 for o in ("stored", "partially_quarantined"))
    assert stored == summary["acknowledged"]
    accepted = (value(after, "vigil_ingest_readings_total", protocol="https", outcome="accepted")
                - value(before, "vigil_ingest_readings_total", protocol="https", outcome="accepted"))
    assert accepted == summary["readings"]
    quarantined = total(after, "vigil_quarantine_items_total") - total(before, "vigil_quarantine_items_total")
    assert quarantined == summary["injectedFaults"] > 0
    commits = (value(after, "vigil_ingest_commit_duration_seconds_count")
               - value(before, "vigil_ingest_commit_duration_seconds_count"))
    assert 1 <= commits <= summary["sent"]
    # Requests are labelled with the route template, never the device id.
    def telemetry(samples):
        return sum(v for (n, labels), v in samples.items()
                   if n == "vigil_http_requests_total" and ("status", "204") in labels
                   and any(key == "route" and "messages/events" in text for key, text in labels))
    assert telemetry(after) - telemetry(before) == summary["acknowledged"]
    assert not any("sim-5-" in str(labels) for (_, labels) in after)
    assert value(after, "process_resident_memory_bytes") > 1_000_000


def test_mqtt_counters_follow_a_simulated_mqtt_load(vigil):
    before = scrape(vigil)
    summary = simulate(vigil, "--protocol", "mqtt", "--mqtt-port", str(vigil.mqtt_port), "--devices", "3",
                       "--rate", "20", "--duration", "2", "--bad-readings", "0", "--seed", "6")
    assert summary["acknowledged"] == summary["sent"] > 20
    after = scrape(vigil)
    stored = (value(after, "vigil_ingest_messages_total", protocol="mqtt", outcome="stored")
              - value(before, "vigil_ingest_messages_total", protocol="mqtt", outcome="stored"))
    assert stored == summary["acknowledged"]


def test_readiness_reports_every_check(vigil):
    with urllib.request.urlopen(vigil.url + "/health/ready", timeout=30) as response:
        body = json.loads(response.read())
    assert body["status"] == "ready"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "up", "listeners": "up", "webhookBacklog": "up"}
    assert "mqtt" in body["checks"]["listeners"]["detail"]


def test_devices_following_their_habits_quarantine_exactly_the_injected_faults(vigil):
    summary = simulate(vigil, "--patients", "6", "--backfill-hours", "24", "--duration", "2",
                       "--bad-readings", "0.2", "--seed", "9")
    # A day of history, forwarded an hour at a time: 24 messages per wearable, and cuffs, scales…
    assert summary["sent"] > 50 and summary["readings"] > 2 * 1440 * 5
    assert summary["acknowledged"] == summary["sent"]
    quarantined = {}
    for item in vigil.api("GET", "/api/v1/quarantine?limit=1000"):
        quarantined[item["reason"]] = quarantined.get(item["reason"], 0) + 1
    assert quarantined == summary["faultsByReason"]
    assert sum(quarantined.values()) == summary["injectedFaults"] > 0
