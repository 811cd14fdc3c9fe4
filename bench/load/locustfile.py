"""Locust users for bench/load_test.py: leaders reading dashboards, clerks saving monthly pages.

Each clerk user signs in as its own demo clerk (one unit each, so two users never edit the same rows)
and, in a loop, opens its unit's July 2007 page and saves one project's amount with a new value. Every
save the portal acknowledged (a redirect back to the page) is appended to ACK_FILE, so the fault test
can check afterwards that each one is in the database.
"""
from __future__ import annotations

import itertools
import json
import os
import re
import threading
import time
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task

ACK_FILE = os.environ.get("ACK_FILE", "bench/results/acknowledged.jsonl")
ERRORS_FILE = os.environ.get("ERRORS_FILE", "bench/results/errors.jsonl")
LEADER_PATHS = [p for p in os.environ.get("LEADER_PATHS", "/api/reports/progress?year=2007&month=7").split(",") if p]
CLERK_UNITS = itertools.cycle([f"t{i:02d}" for i in range(1, 22)] + ["kfq"] + [f"d{i:02d}" for i in range(1, 84)])
_units_lock = threading.Lock()
_ack_lock = threading.Lock()
_serial = itertools.count(1)
PASSWORD = "zhaoshang-demo"
# Think time between a user's actions, scaled by THINK (1 = as below; 0 = none: the server's capacity).
THINK = float(os.environ.get("THINK", "1"))
INPUT = re.compile(r'name="(amount|version)_(\d+)"[^>]*value="([^"]*)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@events.request.add_listener
def record_failure(request_type, name, response_time, response_length, exception=None, **kwargs) -> None:
    """Each failed request with its wall-clock time, for the fault test's error window."""
    if exception is not None:
        with _ack_lock, open(ERRORS_FILE, "a") as out:
            out.write(json.dumps({"at": time.time(), "name": name, "error": str(exception)[:200]}) + "\n")


def sign_in(user: HttpUser, username: str) -> None:
    page = user.client.get("/accounts/login/", name="login page")
    token = CSRF.search(page.text).group(1)
    response = user.client.post(
        "/accounts/login/", {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        name="sign in", allow_redirects=False,
    )
    if response.status_code != 302:
        raise RuntimeError(f"{username} could not sign in: {response.status_code}")


class Leader(HttpUser):
    weight = 3
    wait_time = between(0.1 * THINK, 0.5 * THINK)

    def on_start(self) -> None:
        sign_in(self, "leader")

    @task
    def read(self) -> None:
        for path in LEADER_PATHS:
            self.client.get(path, name=path.split("?")[0])


class Clerk(HttpUser):
    weight = 1
    wait_time = between(0.2 * THINK, 0.8 * THINK)

    def on_start(self) -> None:
        with _units_lock:
            self.unit_code = next(CLERK_UNITS)
        sign_in(self, f"clerk_{self.unit_code}")
        page = self.client.get("/projects/monthly/?year=2007&month=7", name="/projects/monthly/ (open)")
        url = urlsplit(page.url)  # the page adds the unit to its address
        self.path = f"{url.path}?{url.query}"

    @task
    def save_month(self) -> None:
        page = self.client.get(self.path, name="/projects/monthly/")
        fields: dict[str, dict[str, str]] = {}
        for kind, pid, value in INPUT.findall(page.text):
            fields.setdefault(pid, {})[kind] = value
        token = CSRF.search(page.text)
        if not fields or not token:
            return  # a unit without projects to enter: only reads
        pid = sorted(fields)[0]
        amount = f"{100 + next(_serial) % 900}.{next(_serial) % 100:02d}"
        data = {"csrfmiddlewaretoken": token.group(1), f"amount_{pid}": amount,
                f"version_{pid}": fields[pid].get("version", "0")}
        with self.client.post(self.path, data, name="/projects/monthly/ (save)", allow_redirects=False,
                              catch_response=True) as response:
            if response.status_code == 302:
                response.success()
                with _ack_lock, open(ACK_FILE, "a") as out:
                    out.write(json.dumps({"project": int(pid), "amount": amount}) + "\n")
            else:
                response.failure(f"save refused: {response.status_code}")
