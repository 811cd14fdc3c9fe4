"""Start-up checks of a production deployment (``manage.py check``)."""
from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

# What every page loads: without these in the manifest, every page would answer 500.
REQUIRED_STATIC = ("css/portal.css", "js/portal.js", "vendor/plotly.min.js")


@register("deployment")
def collected_static_manifest(app_configs=None, **kwargs) -> list[CheckMessage]:
    """Under the production settings (a manifest storage), ``collectstatic`` must have run: its manifest
    names every file the pages load. Missing, it is a clear error here instead of a 500 on every page."""
    backend = settings.STORAGES.get("staticfiles", {}).get("BACKEND", "")
    if "Manifest" not in backend:
        return []
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    hint = "python manage.py collectstatic --noinput"
    if not manifest.is_file():
        return [Error(f"静态文件清单 {manifest} 不存在：生产配置下尚未收集静态文件，所有页面都将无法显示。",
                      hint=f"先运行 {hint}。", id="ops.E001")]
    try:
        paths = json.loads(manifest.read_text(encoding="utf-8")).get("paths", {})
    except (OSError, ValueError) as error:
        return [Error(f"静态文件清单 {manifest} 无法读取：{error}", hint=f"重新运行 {hint}。", id="ops.E002")]
    missing = [name for name in REQUIRED_STATIC if name not in paths]
    if missing:
        return [Error(f"静态文件清单中缺少：{'、'.join(missing)}。", hint=f"重新运行 {hint}。", id="ops.E003")]
    return []
