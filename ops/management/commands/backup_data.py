from pathlib import Path

from django.core.management.base import BaseCommand

from ops.backup import backup_write


class Command(BaseCommand):
    help = "把平台的全部数据（单位、目标、项目、到帐、报送、用户、修改历史）备份到一个 .json.gz 文件。"

    def add_arguments(self, parser):
        parser.add_argument("path", help="备份文件，例如 backup-2007-07.json.gz")

    def handle(self, *args, path, **options):
        backup_write(path=Path(path))
        self.stdout.write(f"已备份到 {path}")
