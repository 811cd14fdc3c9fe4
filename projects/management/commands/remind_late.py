"""``manage.py remind_late --year Y --month M``: remind every unit that has not submitted the month (催报)."""
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from projects.services.reminders import send_reminders
from units import periods


class Command(BaseCommand):
    help = "向未报送某年某月的单位发出催报：填报员登录时看到通知，有电子邮箱的同时发邮件；同一天不重复催报。"

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="年度，例如 2007")
        parser.add_argument("--month", required=True, help="月份 1–12")

    def handle(self, *args, **options):
        try:
            year, month = periods.parse_period(options["year"], options["month"])
        except periods.PeriodError as error:
            raise CommandError(str(error)) from None
        result = send_reminders(year=year, month=month)
        for unit in result.reminded:
            self.stdout.write(_("已催报：%(unit)s") % {"unit": unit.name})
        self.stdout.write(_("%(year)d年%(month)d月：催报%(units)d个单位（通知%(notices)d条，邮件%(emails)d封），"
                            "今天已催报过、未重复发送%(again)d个。") % {
            "year": year, "month": month, "units": len(result.reminded), "notices": result.notices,
            "emails": result.emails, "again": len(result.already_today)})
