"""The broker of `make run` (kombu's filesystem transport): its files stay under var/, and a burst
of tasks queued at once (deliveries after a commit that told many people) reaches a real worker in
seconds. At kombu's default polling the worker took a few a second, and whatever still waited after
a minute was sent by the outbox sweep instead."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from najiz.celery import app

from ..brokers import use_broker

ROOT = Path(__file__).resolve().parents[2]
BURST = 60


@pytest.fixture(scope="module")
def development_options() -> dict:
    """CELERY_BROKER_TRANSPORT_OPTIONS as `make run` has them (development mode, no Redis)."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "najiz.settings",
        "DJANGO_ENV": "development",
        "REDIS_URL": "",
        "DATABASE_URL": "",
    }
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.CELERY_BROKER_TRANSPORT_OPTIONS))"
    )
    answer = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(answer.stdout.strip().splitlines()[-1])


def test_every_broker_folder_is_under_var(development_options):
    folders = {key: value for key, value in development_options.items() if "folder" in key}
    assert {"data_folder_in", "data_folder_out", "processed_folder", "control_folder"} <= set(folders)
    for key, folder in folders.items():
        assert Path(folder).is_relative_to(ROOT / "var"), f"{key} is {folder}, outside var/"


# A worker as `make run` starts it (prefork, two processes), on the development broker options with
# its folders moved to the test's own; its one task leaves a file for each run.
WORKER = """
import json, os, pathlib, django
django.setup()
from najiz.celery import app
app.conf.broker_url = "filesystem://"
app.conf.broker_transport_options = json.loads(os.environ["BROKER_OPTIONS"])
done = pathlib.Path(os.environ["DONE_FOLDER"])

@app.task(name="test.mark_done")
def mark_done(number):
    (done / str(number)).touch()

app.worker_main(["worker", "--concurrency", "2", "--loglevel", "WARNING"])
"""


def wait_for_files(folder: Path, count: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if len(list(folder.iterdir())) >= count:
            return True
        time.sleep(0.05)
    return False


def test_a_burst_of_deliveries_reaches_the_worker_in_seconds(development_options, tmp_path):
    done = tmp_path / "done"
    for folder in ("queue", "processed", "control", "done"):
        (tmp_path / folder).mkdir()
    options = {
        **development_options,
        "data_folder_in": str(tmp_path / "queue"),
        "data_folder_out": str(tmp_path / "queue"),
        "processed_folder": str(tmp_path / "processed"),
        "control_folder": str(tmp_path / "control"),
    }
    environment = {
        **os.environ,
        "DJANGO_ENV": "test",
        "REDIS_URL": "",
        "BROKER_OPTIONS": json.dumps(options),
        "DONE_FOLDER": str(done),
    }
    worker = subprocess.Popen(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", WORKER], cwd=ROOT, env=environment, stdout=subprocess.DEVNULL
    )
    kept = app.conf.broker_transport_options
    app.conf.broker_transport_options = options
    use_broker("filesystem://")
    try:
        app.send_task("test.mark_done", args=["ready"])
        assert wait_for_files(done, 1, seconds=60), "the worker did not start"
        started = time.monotonic()
        for number in range(BURST):
            app.send_task("test.mark_done", args=[number])
        assert wait_for_files(done, BURST + 1, seconds=30)
        took = time.monotonic() - started
    finally:
        app.conf.broker_transport_options = kept
        use_broker(settings.CELERY_BROKER_URL)
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    assert took < 5, f"{BURST} tasks queued at once took {took:.1f} s to run"
