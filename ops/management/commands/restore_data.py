from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from ops.backup import RestoreError, restore_read


class Command(BaseCommand):
    help = "把 backup_data 生成的备份恢复到一个空数据库（先建表，再在一个事务中载入）。"

    def add_arguments(self, parser):
        parser.add_argument("path", help="backup_data 生成的备份文件")

    def handle(self, *args, path, **options):
        call_command("migrate", interactive=False, verbosity=0)
        try:
            restore_read(path=Path(path))
        except RestoreError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"已从 {path} 恢复。")
