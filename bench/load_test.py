"""Load and fault test: the portal under gunicorn on PostgreSQL on 127.0.0.1, with a bounded load.

    .venv/bin/python bench/load_test.py                 # 20 users for 30 s
    .venv/bin/python bench/load_test.py --fault         # and restart PostgreSQL 10 s in

Leaders (3 of 4 users) read the dashboard pages; clerks (1 of 4) open and save their unit's monthly page.
Prints requests per second, p50 / p99 latency and errors, per endpoint and in all. With --fault it
restarts PostgreSQL during the run, prints when errors were seen against when the database was down,
and checks that every save the portal acknowledged is in the database afterwards (history included).
Everything runs on loopback; the load is bounded in users and time and stops by itself.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import signal
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DB = os.environ.get("LOAD_DB", "zs_load")
DB_URL = f"postgres://postgres@127.0.0.1:5432/{DB}"
PORT = int(os.environ.get("LOAD_PORT", "8765"))
PY = str(ROOT / ".venv" / "bin" / "python")
SETUP_REQUESTS = {"login page", "sign in", "/projects/monthly/ (open)"}
LEADER_PATHS = "/reports/?year=2007&month=7,/reports/rankings/?year=2007&month=7,/api/reports/progress?year=2007&month=7"


def portal_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": DB_URL, "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_SSL_REDIRECT": "0", "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0", "AXES_FAILURE_LIMIT": "1000", "CONN_MAX_AGE": "60",
        # The production set-up: one cache shared by the gunicorn workers (a database of its own here).
        "REDIS_URL": os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/15"),
    })
    return env


def run(*args: str, env: dict | None = None) -> None:
    subprocess.run(args, cwd=ROOT, env=env, check=True)


def prepare(env: dict[str, str]) -> None:
    run("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-c", f"DROP DATABASE IF EXISTS {DB}")
    run("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-c", f"CREATE DATABASE {DB}")
    run(PY, "manage.py", "migrate", "--noinput", "-v0", env=env)
    run(PY, "manage.py", "collectstatic", "--noinput", "-v0", env=env)  # before any command that runs checks
    run(PY, "manage.py", "load_demo", env=env)
    run(PY, "-c", "import django; django.setup(); from django.core.cache import cache; cache.clear()",
        env=dict(env, DJANGO_SETTINGS_MODULE="config.settings"))


def wait_until_up(timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/accounts/login/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer")


def restart_postgres(after: float, log: dict) -> None:
    time.sleep(after)
    version = os.listdir("/etc/postgresql")[0]
    log["down_at"] = time.time()
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart", "-m", "fast"], check=True)
    log["up_at"] = time.time()


def summary(prefix: Path) -> list[dict[str, str]]:
    with open(f"{prefix}_stats.csv") as handle:
        return list(csv.DictReader(handle))


def error_window(errors_file: Path) -> tuple[float, float, int] | None:
    """First and last wall-clock time of a failed request, and how many failed."""
    if not errors_file.exists():
        return None
    times = [json.loads(line)["at"] for line in errors_file.read_text().splitlines() if line.strip()]
    return (min(times), max(times), len(times)) if times else None


def check_acknowledged(env: dict[str, str], ack_file: Path) -> tuple[int, int]:
    """How many acknowledged saves there were, and how many of them are missing from the database."""
    acks = [json.loads(line) for line in ack_file.read_text().splitlines() if line.strip()] if ack_file.exists() else []
    script = (
        "import json,sys,django;django.setup();"
        "from projects.models import Arrival;"
        "acks=json.load(sys.stdin);"
        "missing=[a for a in acks if not Arrival.history.filter(project_id=a['project'],year=2007,month=7,"
        "amount=a['amount']).exists()];print(len(missing))"
    )
    env = dict(env, DJANGO_SETTINGS_MODULE="config.settings")
    out = subprocess.run([PY, "-c", script], cwd=ROOT, env=env, input=json.dumps(acks), capture_output=True,
                         text=True, check=True)
    return len(acks), int(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--spawn-rate", type=float, default=2.0,
                        help="users started per second (each signs in once: PBKDF2 is deliberately slow)")
    parser.add_argument("--think", type=float, default=1.0,
                        help="scale of the users' think time between actions (0: none, the server's capacity)")
    parser.add_argument("--fault", action="store_true", help="restart PostgreSQL during the run")
    parser.add_argument("--fault-after", type=float, default=10.0)
    args = parser.parse_args()

    RESULTS.mkdir(parents=True, exist_ok=True)
    env = portal_env()
    print(f"==> preparing database {DB} (demo city) and static files")
    prepare(env)
    gunicorn = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "config.wsgi", "--workers", str(args.workers),
         "--bind", f"127.0.0.1:{PORT}", "--access-logfile", "-", "--error-logfile", str(RESULTS / "gunicorn.log"),
         "--timeout", "30"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        wait_until_up()
        ack_file = RESULTS / "acknowledged.jsonl"
        ack_file.unlink(missing_ok=True)
        errors_file = RESULTS / "errors.jsonl"
        errors_file.unlink(missing_ok=True)
        prefix = RESULTS / ("fault" if args.fault else "load")
        fault_log: dict = {}
        if args.fault:
            threading.Thread(target=restart_postgres, args=(args.fault_after, fault_log), daemon=True).start()
        started = time.time()
        print(f"==> {args.users} users (think time × {args.think:g}) for {args.seconds} s against gunicorn ({args.workers} workers) on "
              f"127.0.0.1:{PORT}{' — PostgreSQL restarted at +%.0f s' % args.fault_after if args.fault else ''}")
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / "locust"), "-f", "bench/load/locustfile.py", "--headless",
             "-u", str(args.users), "-r", str(args.spawn_rate), "-t", f"{args.seconds}s",
             "--host", f"http://127.0.0.1:{PORT}", "--csv", str(prefix), "--csv-full-history",
             "--only-summary", "--loglevel", "ERROR", "--stop-timeout", "5"],
            cwd=ROOT, env=dict(env, ACK_FILE=str(ack_file), ERRORS_FILE=str(errors_file), LEADER_PATHS=LEADER_PATHS,
                              THINK=str(args.think)),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        rows = summary(prefix)
        print(f"{'endpoint':<34}{'requests':>9}{'errors':>8}{'req/s':>9}{'p50 ms':>8}{'p99 ms':>8}")
        for row in rows:
            print(f"{row['Name'][:33]:<34}{row['Request Count']:>9}{row['Failure Count']:>8}"
                  f"{float(row['Requests/s']):>9.1f}{row['50%']:>8}{row['99%']:>8}")
        total = next(r for r in rows if r["Name"] == "Aggregated")
        # Steady state: what leaders and clerks do all day, without each user's one sign-in at the start.
        steady = [r for r in rows if r["Name"] not in SETUP_REQUESTS and r["Name"] != "Aggregated"]
        print(f"\nsteady state (without the {len(SETUP_REQUESTS)} kinds of one-off set-up request): "
              f"{sum(float(r['Requests/s']) for r in steady):.1f} requests/s, "
              f"p50 ≤ {max(int(r['50%']) for r in steady)} ms, p99 ≤ {max(int(r['99%']) for r in steady)} ms "
              f"(the slowest endpoint's), errors {sum(int(r['Failure Count']) for r in steady)}")
        print(f"all requests: throughput {float(total['Requests/s']):.1f} requests/s, p50 {total['50%']} ms, p99 {total['99%']} ms, "
              f"errors {total['Failure Count']} of {total['Request Count']}  (aim: ≥ 100 req/s, p99 ≤ 500 ms, 0 errors)")
        if args.fault:
            window = error_window(errors_file)
            down = fault_log.get("down_at", 0) - started
            up = fault_log.get("up_at", 0) - started
            print(f"PostgreSQL down from +{down:.1f} s to +{up:.1f} s")
            if window:
                print(f"{window[2]} failed requests, from +{window[0] - started:.1f} s to +{window[1] - started:.1f} s")
            else:
                print("no errors seen")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/accounts/login/", timeout=5) as response:
                    print(f"after the run the portal answers {response.status} (gunicorn was not restarted)")
            except OSError as error:
                print(f"after the run the portal does not answer: {error}")
        acknowledged, missing = check_acknowledged(env, ack_file)
        print(f"acknowledged saves: {acknowledged}, missing from the database: {missing}")
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(timeout=15)


if __name__ == "__main__":
    main()
