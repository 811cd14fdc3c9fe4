"""The page-weight and time check at province scale (issue #17), run by ``bench/report_bench.py``: each
listed page fetched uncached by a staff member through Django's test client, its size (aim ≤ 512 KiB) and
its time as a ratio to the report's own time (aim ≤ 3). Prints figures and ratios; asserts nothing."""
from __future__ import annotations

import statistics
import time

PAGES = [
    ("dashboard", "/reports/?year={y}&month={m}"),
    ("rankings (townships)", "/reports/rankings/?year={y}&month={m}&kind=township"),
    ("large projects", "/reports/large-projects/?year={y}&month={m}"),
    ("submission board", "/projects/board/?year={y}&month={m}"),
    ("targets grid", "/targets/?year={y}"),
    ("project list", "/projects/?approval_year={y}"),
    ("peers", "/reports/peers/?year={y}&month={m}"),
    ("breakdown", "/reports/breakdown/?year={y}&month={m}&by=industry"),
    ("key projects", "/projects/key/"),
]
LIMIT_BYTES = 512 * 1024


def run(year: int, month: int, report_seconds: float) -> None:
    from django.contrib.auth.models import User
    from django.core.cache import cache
    from django.test import Client

    from units.models import Profile

    user = User.objects.filter(profile__role=Profile.Role.STAFF).first()
    if user is None:
        user = User.objects.create_user("bench_staff")
        Profile.objects.create(user=user, role=Profile.Role.STAFF)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    print(f"pages at this scale (uncached; the report alone {report_seconds * 1000:.0f} ms):")
    for name, url in PAGES:
        times, size, status = [], 0, 0
        for _run in range(3):
            cache.clear()
            started = time.perf_counter()
            response = client.get(url.format(y=year, m=month), HTTP_HOST="localhost")
            times.append(time.perf_counter() - started)
            size, status = len(response.content), response.status_code
        seconds = statistics.median(times)
        marks = [] if size <= LIMIT_BYTES else ["> 512 KiB"]
        if seconds > 3 * report_seconds:
            marks.append("> 3 × report")
        print(f"  {name:<22} {status}  {size / 1024:9.1f} KiB  {seconds * 1000:8.1f} ms  "
              f"ratio {seconds / report_seconds:5.2f}  {' '.join(marks) or 'ok'}")
