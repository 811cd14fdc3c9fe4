"""``manage.py publish_report --year Y --month M``: publish the month's 通报 (INTERFACES.md §4)."""
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from reports.editions import publish
from reports.progress import ReportError, checked_period
from units.periods import period_title


class Command(BaseCommand):
    help = "发布某年1至M月的通报：进度报表、进度表（Excel）和讲评稿按现在的样子保存，编号为该月的下一期，此后不再改变。"

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="年度，例如 2007")
        parser.add_argument("--month", required=True, help="月份 1–12（累计1至该月）")
        parser.add_argument("--user", help="发布人的用户名（记入通报）；不填则为“系统”")

    def handle(self, *args, **options):
        try:
            year, month = checked_period(options["year"], options["month"])
        except ReportError as error:
            raise CommandError(str(error)) from None
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(_("没有用户名为 %(name)s 的账号。") % {"name": options["user"]})
        edition = publish(year=year, month=month, user=user)
        self.stdout.write(_("已发布%(period)s第%(number)d期通报（%(when)s，%(who)s）。") % {
            "period": period_title(year, month), "number": edition.number,
            "when": edition.published_at.isoformat(timespec="seconds"), "who": edition.published_by_name})
