"""``manage.py key_projects [--as-of YYYY-MM-DD]``: the key projects and their lights as JSON (INTERFACES.md §7)."""
import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from projects.key_projects import key_projects_json
from units import periods


class Command(BaseCommand):
    help = "打印重点项目及其红黄绿灯（INTERFACES.md §7 的 JSON）；--as-of 为检查日期，默认今天。"

    def add_arguments(self, parser):
        parser.add_argument("--as-of", dest="as_of", help="检查日期，如 2007-08-01（默认今天）")
        parser.add_argument("--indent", type=int, default=2)

    def handle(self, *args, **options):
        try:
            as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else periods.today()
        except ValueError:
            raise CommandError("日期格式应为 YYYY-MM-DD，例如 2007-08-01。") from None
        self.stdout.write(json.dumps(key_projects_json(as_of), ensure_ascii=False, indent=options["indent"] or None))
