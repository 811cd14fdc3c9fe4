"""Refusals and missing pages speak Chinese, inside the portal's layout."""
import pytest

from tests.conftest import PASSWORD


@pytest.mark.django_db
def test_a_refused_clerk_sees_a_chinese_403_page(client, clerk_a, unit_b):
    client.login(username="clerk_a", password=PASSWORD)
    response = client.get(f"/projects/monthly/?unit={unit_b.pk}&year=2007&month=7")
    assert response.status_code == 403
    assert "无权访问" in response.content.decode()


@pytest.mark.django_db
def test_a_missing_page_is_a_chinese_404_page(client, leader):
    client.login(username="leader", password=PASSWORD)
    response = client.get("/projects/999999/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
