"""``manage.py load_demo``: the demo city of seed 004 (海门市, 1–7月 2007) and its demo accounts (see ``ops.demo``)."""
from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ops.demo import (
    CLERK_PREFIX,
    DEMO_PASSWORD,
    DEMO_WORKBOOK,
    demo_accounts_create,
    demo_cycle_create,
    demo_peers_create,
    demo_submissions_create,
)
from projects.catalogues import seed_defaults
from units.models import Unit
from workbook.importer import WorkbookError, import_workbook


class Command(BaseCommand):
    help = "载入演示城市（海门市，2006年与2007年1-7月数据）并创建演示账号。可重复运行，不会改动已有数据。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--file", default=str(DEMO_WORKBOOK), help="演示数据工作簿（默认 fixtures/demo_city.xlsx）")

    def handle(self, *args, file: str, **options) -> None:
        started = time.monotonic()
        seed_defaults()  # the demo's projects are in the default 行业 and 国别 lists (kept unless emptied)
        demo_peers_create()
        try:
            summary = import_workbook(file)
        except WorkbookError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(_("演示数据工作簿有%(count)d处问题，未导入任何数据。") % {"count": len(error.problems)}) from None
        self.stdout.write(str(summary))

        accounts = demo_accounts_create()
        made = demo_submissions_create()
        if made:
            self.stdout.write(_("已登记演示报送记录%(count)d条（2006年全年、2007年1-6月已锁定，7月已报送）。") % {"count": made})
        cycle = demo_cycle_create()
        if cycle:
            self.stdout.write(cycle)

        clerks = [name for name in accounts.created + accounts.existing if name.startswith(CLERK_PREFIX)]
        if accounts.created:
            self.stdout.write(_("新建演示账号%(count)d个。") % {"count": len(accounts.created)})
        if accounts.existing:
            self.stdout.write(
                _("已有演示账号%(count)d个，保持不变（未重设密码）。") % {"count": len(accounts.existing)}
            )
        self.stdout.write(_("演示账号（密码均为 %(password)s）：") % {"password": DEMO_PASSWORD})
        self.stdout.write(_("  leader      市领导（只读，看全部报表）"))
        self.stdout.write(_("  staff       招商局工作人员（管理目标、锁定报送、导入导出，可进入后台）"))
        units = {u.code: u.name for u in Unit.objects.all()}
        for code in ("kfq", "t01", "d01"):
            if f"{CLERK_PREFIX}{code}" in clerks:
                self.stdout.write(
                    _("  %(username)s  %(unit)s填报员") % {"username": f"{CLERK_PREFIX}{code}".ljust(10), "unit": units[code]}
                )
        self.stdout.write(
            _("  …每个单位一个填报员：clerk_<单位代码>，共%(count)d个（如 clerk_t05、clerk_d12）。")
            % {"count": len(clerks)}
        )
        self.stdout.write(_("用时%(seconds).1f秒。") % {"seconds": time.monotonic() - started})
