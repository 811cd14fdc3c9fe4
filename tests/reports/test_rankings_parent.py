"""Rankings at province scale filter by 上级单位 (issue #17): the townships of one zone or county."""
from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests import factories

Y = factories.PAST_YEAR


def test_the_rankings_filter_by_parent_unit(city, staff_user):
    zone = factories.unit("z1", "development_zone", parent=city, name="一区")
    inside = factories.unit("t1", parent=zone, name="区内镇")
    factories.unit("t2", parent=city, name="区外镇")
    factories.targets(inside, Y, reg=(100, 200))
    client = Client()
    client.force_login(staff_user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("reports:rankings") + f"?year={Y}&month=6&kind=township"
    page = client.get(url).content.decode()
    assert "区内镇" in page and "区外镇" in page and '<option value="z1">一区</option>' in page
    page = client.get(url + "&parent=z1").content.decode()
    assert "区内镇" in page and "区外镇" not in page
    assert client.get(url + "&parent=nope").status_code == 400


def test_the_board_and_the_targets_grid_filter_by_parent_unit_too(city, staff_user):
    zone = factories.unit("z1", "development_zone", parent=city, name="一区")
    factories.unit("t1", parent=zone, name="区内镇")
    factories.unit("t2", parent=city, name="区外镇")
    client = Client()
    client.force_login(staff_user, backend="django.contrib.auth.backends.ModelBackend")
    for url in (reverse("projects:board") + f"?year={Y}", reverse("targets:grid") + f"?year={Y}"):
        page = client.get(url + "&parent=z1").content.decode()
        assert "区内镇" in page and "区外镇" not in page, url
        assert client.get(url + "&parent=nope").status_code == 400
