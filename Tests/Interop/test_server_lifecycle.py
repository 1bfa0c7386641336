"""The server as an operator runs it: on SQLite and on PostgreSQL, migrations
on start, the tamper-evident audit log, and keys never stored in plaintext."""

import base64
import os
import sqlite3
import subprocess
import uuid

import pytest

from conftest import VigilServer

POSTGRES_URL = os.environ.get("VIGIL_TEST_POSTGRES_URL")


def require_postgres():
    if POSTGRES_URL:
        return
    if os.environ.get("CI") == "true":
        pytest.fail("VIGIL_TEST_POSTGRES_URL is not set: the PostgreSQL suite must run in CI")
    pytest.skip("no PostgreSQL server (set VIGIL_TEST_POSTGRES_URL)")


@pytest.fixture
def postgres_database():
    """A fresh, empty database on the test cluster; dropped afterwards."""
    require_postgres()
    name = f"vigil_interop_{uuid.uuid4().hex[:12]}"
    subprocess.run(["psql", POSTGRES_URL, "-qc", f"CREATE DATABASE {name}"], check=True)
    base = POSTGRES_URL.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    subprocess.run(["psql", POSTGRES_URL, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=True)


def log_messages(server):
    return (server.data_dir / "server.log").read_text()


def test_sqlite_server_answers_ready_and_migrates_only_once(data_dir):
    server = VigilServer(data_dir)
    server.start()
    server.stop()
    assert "Applied database migrations" in log_messages(server)
    (data_dir / "server.log").unlink()
    server.start()
    server.stop()
    log = log_messages(server)
    assert "Database schema is current" in log and "Applied database migrations" not in log


def test_postgres_server_answers_ready_and_migrates_only_once(data_dir, postgres_database):
    server = VigilServer(data_dir, extra_env={"VIGIL_DATABASE": postgres_database})
    server.start()
    patient = server.api("POST", "/api/v1/patients", {"displayName": "On PostgreSQL"})
    server.stop()
    assert "Applied database migrations" in log_messages(server)
    (data_dir / "server.log").unlink()
    server.start()
    server.token = None
    assert server.api("GET", f"/api/v1/patients/{patient['id']}")["displayName"] == "On PostgreSQL"
    server.stop()
    log = log_messages(server)
    assert "Database schema is current" in log and "Applied database migrations" not in log
    tables = subprocess.run(["psql", postgres_database, "-Atc", "select count(*) from schema_migrations"],
                            capture_output=True, text=True, check=True).stdout.strip()
    assert int(tables) >= 2


def audit_verify(server, env=None):
    return subprocess.run(server.command("audit", "verify"), capture_output=True, text=True,
                          env=dict(os.environ, **(env or {})), timeout=60)


def make_audit_records(server):
    patient, _ = server.create_patient_with_device()
    for _ in range(3):
        server.api("GET", f"/api/v1/patients/{patient['id']}")


@pytest.mark.parametrize("tampering, sequence", [
    ("UPDATE audit_log SET detail = 'edited' WHERE sequence = 4", 4),
    ("DELETE FROM audit_log WHERE sequence = 3", 3),
    ("DELETE FROM audit_log WHERE sequence = (SELECT max(sequence) FROM audit_log)", None),
])
def test_audit_verify_names_the_first_edited_or_deleted_record_on_sqlite(data_dir, tampering, sequence):
    server = VigilServer(data_dir)
    server.start()
    make_audit_records(server)
    server.stop()
    intact = audit_verify(server)
    assert intact.returncode == 0, intact.stdout + intact.stderr
    assert "intact" in intact.stdout
    with sqlite3.connect(data_dir / "vigil.sqlite") as db:
        last = db.execute("SELECT max(sequence) FROM audit_log").fetchone()[0]
        db.execute(tampering)
    broken = audit_verify(server)
    assert broken.returncode == 1
    assert f"record {sequence or last}" in broken.stdout


def test_audit_verify_detects_tampering_on_postgres(data_dir, postgres_database):
    env = {"VIGIL_DATABASE": postgres_database}
    server = VigilServer(data_dir, extra_env=env)
    server.start()
    make_audit_records(server)
    server.stop()
    assert audit_verify(server, env).returncode == 0
    subprocess.run(["psql", postgres_database, "-qc", "UPDATE audit_log SET action = 'x' WHERE sequence = 2"], check=True)
    broken = audit_verify(server, env)
    assert broken.returncode == 1 and "record 2" in broken.stdout


def key_needles(device):
    needles = []
    for key in (device["primaryKey"], device["secondaryKey"]):
        raw = base64.b64decode(key)
        needles += [key.encode(), key.rstrip("=").encode(), raw.hex().encode(), raw.hex().upper().encode(), raw]
    return needles


def test_no_device_key_is_readable_in_the_sqlite_files(vigil):
    _, device = vigil.create_patient_with_device()
    vigil.stop()
    contents = b"".join(path.read_bytes() for path in vigil.data_dir.glob("vigil.sqlite*"))
    assert contents
    for needle in key_needles(device):
        assert needle not in contents


def test_no_device_key_is_readable_in_a_postgres_dump(data_dir, postgres_database):
    server = VigilServer(data_dir, extra_env={"VIGIL_DATABASE": postgres_database})
    server.start()
    _, device = server.create_patient_with_device()
    server.stop()
    dump = subprocess.run(["pg_dump", "--data-only", postgres_database], capture_output=True, check=True).stdout
    assert b"device_keys" in dump
    for needle in key_needles(device):
        assert needle not in dump
