"""The columns of the data workbook (INTERFACES.md §1), one list per sheet.

A header cell may hold the column's code (``registered_fdi``) or its Chinese label (``注册外资（万美元）``);
a few obvious variants of a label are accepted too (with or without the （万美元） suffix, 帐 or 账, full-width
or half-width brackets). Choice cells may hold the code or the model's Chinese label (``increase`` / ``增资``).
The codes and labels are part of the file format, not of the user interface: they are not translated.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import models
from django.utils import translation

from projects.models import Activity, Project
from targets.models import AssessmentRule, Indicator, TargetKind
from units.models import Unit

# Column kinds: how a cell is read and written.
TEXT = "text"
INT = "int"
DECIMAL = "decimal"
DATE = "date"
BOOL = "bool"
CHOICE = "choice"
CODE = "code"  # text that is a unit's or a project's code (units.rules.check_code)


@dataclass(frozen=True)
class Column:
    code: str
    label: str
    kind: str = TEXT
    required: bool = False
    max_length: int | None = None
    choices: type[models.TextChoices] | None = None
    aliases: tuple[str, ...] = field(default=())

    def header_names(self) -> set[str]:
        """Every normalised header text that names this column."""
        return {normalize_header(name) for name in (self.code, self.label, *self.aliases)}


# The version of the row when the portal exported it (a hidden column): an import that finds the row
# changed in the portal since then reports a conflict instead of overwriting it.
VERSION = Column("version", "版本（请勿修改）", INT, aliases=("版本",))

SHEETS: dict[str, list[Column]] = {
    "units": [
        Column("code", "代码", CODE, required=True, max_length=32, aliases=("单位代码",)),
        Column("name", "名称", required=True, max_length=100, aliases=("单位名称",)),
        Column("kind", "类别", CHOICE, required=True, choices=Unit.Kind, aliases=("单位类别",)),
        Column("parent", "上级单位", CODE, max_length=32, aliases=("上级单位代码", "上级")),
        VERSION,
    ],
    "targets": [
        Column("year", "年度", INT, required=True, aliases=("年份",)),
        Column("unit", "单位", CODE, required=True, max_length=32, aliases=("单位代码",)),
        Column("indicator", "指标", CHOICE, required=True, choices=Indicator),
        Column("kind", "目标类别", CHOICE, required=True, choices=TargetKind, aliases=("类别",)),
        Column("amount", "金额（万美元）", DECIMAL, required=True, aliases=("目标（万美元）", "目标金额（万美元）")),
        VERSION,
    ],
    "projects": [
        Column("code", "项目编号", CODE, required=True, max_length=40, aliases=("编号",)),
        Column("name", "项目名称", required=True, max_length=200),
        Column("unit", "引进单位", CODE, required=True, max_length=32, aliases=("单位", "引进单位代码")),
        Column("type", "项目类型", CHOICE, required=True, choices=Project.Type, aliases=("类型",)),
        Column("stage", "项目阶段", CHOICE, required=True, choices=Project.Stage, aliases=("阶段",)),
        Column("approved_on", "批准日期", DATE),
        Column("registered_fdi", "注册外资（万美元）", DECIMAL, required=True, aliases=("新批注册外资（万美元）",)),
        Column("investor", "投资方", max_length=200),
        Column("country", "国别/地区", max_length=60, aliases=("国别", "地区", "国别（地区）", "国家/地区")),
        Column("industry", "行业", max_length=60, aliases=("所属行业", "产业")),
        Column("backbone", "骨干企业招商", BOOL, aliases=("骨干企业",)),
        Column("grafted", "嫁接引资", BOOL),
        Column("total_investment", "总投资（万美元）", DECIMAL),
        Column("key", "重点项目", BOOL),
        Column("leader", "联系领导", max_length=60),
        Column("activity", "来源活动", CODE, max_length=40, aliases=("活动", "活动编号")),
        Column("dropped_reason", "终止/放弃原因", max_length=200, aliases=("终止原因", "放弃原因")),
        VERSION,
    ],
    "arrivals": [
        Column("project", "项目编号", CODE, required=True, max_length=40, aliases=("项目",)),
        Column("year", "年度", INT, required=True, aliases=("年份",)),
        Column("month", "月份", INT, required=True, aliases=("月",)),
        Column("amount", "到帐金额（万美元）", DECIMAL, required=True, aliases=("金额（万美元）", "实际到帐（万美元）")),
        Column("carry_over", "上年结余", BOOL),
        VERSION,
    ],
    # The sheets after arrivals (INTERFACES.md §1); how each is checked and written: workbook.keyed.
    "figures": [
        Column("unit", "单位", CODE, required=True, max_length=32, aliases=("单位代码",)),
        Column("year", "年度", INT, required=True, aliases=("年份",)),
        Column("month", "月份", INT, required=True, aliases=("月",)),
        Column("indicator", "指标", CHOICE, required=True, choices=Indicator),
        Column("amount", "当月金额（万美元）", DECIMAL, required=True, aliases=("金额（万美元）", "当月数（万美元）")),
        VERSION,
    ],
    "assessment": [
        Column("year", "年度", INT, required=True, aliases=("年份",)),
        Column("indicator", "指标", CHOICE, required=True, choices=Indicator),
        Column("weight", "权重（分）", DECIMAL, required=True, aliases=("权重", "分值")),
        Column("method", "计分方法", CHOICE, required=True, choices=AssessmentRule.Method, aliases=("方法",)),
        Column("cap", "封顶系数", DECIMAL, aliases=("封顶",)),
        Column("target_kind", "对照目标", CHOICE, choices=TargetKind, aliases=("目标类别",)),
        VERSION,
    ],
    "awards": [
        Column("year", "年度", INT, required=True, aliases=("年份",)),
        Column("name", "奖项名称", required=True, max_length=60, aliases=("奖项", "名称")),
        Column("indicator", "指标", CHOICE, required=True, choices=Indicator),
        Column("target_kind", "对照目标", CHOICE, required=True, choices=TargetKind, aliases=("目标类别",)),
        Column("by_month", "截至月份", INT, required=True, aliases=("月份",)),
        VERSION,
    ],
    "activities": [
        Column("code", "活动编号", CODE, required=True, max_length=40, aliases=("编号",)),
        Column("kind", "类别", CHOICE, required=True, choices=Activity.Kind, aliases=("活动类别",)),
        Column("date", "日期", DATE, required=True),
        Column("name", "名称", required=True, max_length=200, aliases=("活动名称",)),
        Column("units", "参加单位", max_length=2000, aliases=("单位",)),
        Column("leads", "收集客源（条）", INT, aliases=("客源", "收集客源")),
        Column("quota_township", "乡镇签约额度（万美元）", DECIMAL, aliases=("乡镇额度",)),
        Column("quota_zone", "开发区招商局签约额度（万美元）", DECIMAL, aliases=("开发区额度",)),
        VERSION,
    ],
    "milestones": [
        Column("project", "项目编号", CODE, required=True, max_length=40, aliases=("项目",)),
        Column("name", "节点", required=True, max_length=60, aliases=("节点名称",)),
        Column("planned_on", "计划日期", DATE, required=True),
        Column("done_on", "完成日期", DATE),
        VERSION,
    ],
    "problems": [
        Column("project", "项目编号", CODE, required=True, max_length=40, aliases=("项目",)),
        Column("raised_on", "提出日期", DATE, required=True),
        Column("description", "困难问题", required=True, max_length=200, aliases=("问题",)),
        Column("owner", "责任单位/人", max_length=60, aliases=("责任单位", "责任人")),
        Column("due_on", "要求解决日期", DATE, aliases=("要求解决",)),
        Column("resolved_on", "解决日期", DATE),
        VERSION,
    ],
    "peers": [
        Column("name", "县市名称", required=True, max_length=60, aliases=("名称", "县市", "兄弟县市")),
        Column("year", "年度", INT, required=True, aliases=("年份",)),
        Column("month", "月份", INT, required=True, aliases=("月",)),
        Column("indicator", "指标", CHOICE, required=True, choices=Indicator),
        Column("ytd", "1至本月累计（万美元）", DECIMAL, required=True, aliases=("累计（万美元）", "累计", "本年累计")),
        Column("last_year_ytd", "上年同期（万美元）", DECIMAL, aliases=("上年同期", "去年同期")),
        Column("over_1000", "超千万美元项目（个）", INT, aliases=("超千万美元项目", "千万美元项目")),
        VERSION,
    ],
}

SHEET_LABELS = {"units": "单位", "targets": "目标", "projects": "项目", "arrivals": "到帐记录",
                "figures": "报送指标", "assessment": "考核办法", "awards": "奖励办法",
                "activities": "招商活动", "milestones": "项目节点", "problems": "困难问题", "peers": "兄弟县市"}

# Keys on which rows are matched (INTERFACES.md §1).
KEYS: dict[str, tuple[str, ...]] = {
    "units": ("code",),
    "targets": ("year", "unit", "indicator", "kind"),
    "projects": ("code",),
    "arrivals": ("project", "year", "month", "carry_over"),
    "figures": ("unit", "year", "month", "indicator"),
    "assessment": ("year", "indicator"),
    "awards": ("year", "name"),
    "activities": ("code",),
    "milestones": ("project", "name"),
    "problems": ("project", "raised_on", "description"),
    "peers": ("name", "year", "month", "indicator"),
}

# A few words people write instead of the model's label.
CHOICE_EXTRAS: dict[str, str] = {
    "市本级": "city",
    "全市": "city",
    "园区": "development_zone",
    "实际利用外资": "paid_in_fdi",
    "实际到帐": "paid_in_fdi",
    "注册外资": "registered_fdi",
    "考核": "assessment",
    "加压": "stretch",
    "翻番": "doubling",
    "进出口": "trade_total",
    "出口": "exports",
    "外经": "outward_revenue",
    "比例": "ratio",
    "功效系数": "efficacy",
}

YES = {"yes", "y", "true", "1", "是", "√", "✓"}
NO = {"no", "n", "false", "0", "否", ""}

_AMOUNT_SUFFIX = re.compile(r"\((万美元|万美金)\)$")


def normalize_text(value: str) -> str:
    """Full-width to half-width, no spaces, lower case: what two spellings of one word share."""
    text = unicodedata.normalize("NFKC", value)
    return re.sub(r"\s+", "", text).lower().replace("账", "帐")


def normalize_header(value: str) -> str:
    """A header text without its （万美元） suffix, so 金额 and 金额（万美元） name the same column."""
    return _AMOUNT_SUFFIX.sub("", normalize_text(value))


# Sheets a template carries for people, not for the importer.
NOTE_SHEETS = {"说明", "readme", "填表说明"}


def sheet_for_title(title: str) -> str | None:
    """The sheet a workbook tab holds: its code (``projects``) or Chinese label (``项目``), any case."""
    wanted = normalize_text(title)
    for code, label in SHEET_LABELS.items():
        if wanted in (normalize_text(code), normalize_text(label)):
            return code
    return None


def is_note_sheet(title: str) -> bool:
    return normalize_text(title) in {normalize_text(n) for n in NOTE_SHEETS}


def column_for_header(sheet: str, header: str) -> Column | None:
    wanted = normalize_header(header)
    for column in SHEETS[sheet]:
        if wanted in column.header_names():
            return column
    return None


def choice_lookup(choices: type[models.TextChoices]) -> dict[str, str]:
    """Normalised code or label → code, for the Chinese labels and the active language's labels."""
    return _choice_lookup(choices, translation.get_language())


@functools.lru_cache(maxsize=32)
def _choice_lookup(choices: type[models.TextChoices], language: str | None) -> dict[str, str]:
    lookup: dict[str, str] = {}
    labels = list(choices.choices)
    with translation.override("zh-hans"):
        labels += [(value, str(label)) for value, label in choices.choices]
    for value, label in labels:
        lookup[normalize_text(value)] = value
        lookup[normalize_text(str(label))] = value
    for word, value in CHOICE_EXTRAS.items():
        if value in choices.values:
            lookup.setdefault(normalize_text(word), value)
    return lookup


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """The Chinese label of a choice (the workbook's language): ``increase`` → ``增资``."""
    with translation.override("zh-hans"):
        return str(dict(choices.choices).get(value, value))


def choice_help(choices: type[models.TextChoices]) -> str:
    """``new（新设）、increase（增资）、merger（并购）`` for a problem message."""
    with translation.override("zh-hans"):
        return "、".join(f"{value}（{label}）" for value, label in choices.choices)
