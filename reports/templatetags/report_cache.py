"""``{% cached_body %}…{% end_cached_body %}``: a report page's body, cached by data version.

Like Django's ``{% cache %}``, keyed by the view's ``page_key`` (data version, language, what the viewer
may open, the address), and besides:
- one process renders a new version's body while concurrent requests get the previous version's
  (``reports.cache.single_flight``), so a change does not make every worker render the same page;
- a body made from a report that was itself the previous version's (``page_fresh`` False) is shown
  but never stored under the new version.
"""
from __future__ import annotations

from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe

from reports.cache import CACHE_SECONDS, single_flight

register = template.Library()


class CachedBodyNode(template.Node):
    def __init__(self, nodelist: template.NodeList):
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        key = context.get("page_key")
        if not key:
            return self.nodelist.render(context)
        version, _sep, rest = key.partition("|")
        latest_key = f"zs:page:latest:{rest}"
        if not context.get("page_fresh", True):
            stale = cache.get(latest_key)
            return mark_safe(stale) if stale is not None else self.nodelist.render(context)
        body, _fresh = single_flight(f"zs:page:{key}", latest_key, lambda: str(self.nodelist.render(context)))
        return mark_safe(body)


@register.tag
def cached_body(parser: template.base.Parser, token: template.base.Token) -> CachedBodyNode:
    nodelist = parser.parse(("end_cached_body",))
    parser.delete_first_token()
    return CachedBodyNode(nodelist)


__all__ = ["CACHE_SECONDS", "cached_body"]
