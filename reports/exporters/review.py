"""The review text (讲评稿) as downloads: plain UTF-8 text and a Word document (see ``reports.review``)."""
from __future__ import annotations

from typing import IO

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from reports.exporters import BaseExporter, register
from reports.progress import ProgressReport
from reports.review import review_for
from units.models import Unit
from units.rules import clean_text


@register
class ReviewText(BaseExporter):
    """讲评稿 as plain UTF-8 text: the title, then one paragraph a line with a blank line between."""

    identifier = "review_txt"
    verbose_name = gettext_lazy("讲评稿（文本）")
    content_type = "text/plain; charset=utf-8"
    extension = "txt"
    filename_stem = gettext_lazy("招商引资工作讲评")

    def write(self, report: ProgressReport, fileobj: IO[bytes], *, units: QuerySet[Unit] | None = None) -> None:
        fileobj.write(clean_text(review_for(report).as_text()).encode("utf-8"))


FONT_BODY = "宋体"
FONT_TITLE = "黑体"


@register
class ReviewDocx(BaseExporter):
    """讲评稿 as a Word document: A4, a centred title, headings, paragraphs indented two characters."""

    identifier = "review_docx"
    verbose_name = gettext_lazy("讲评稿（Word）")
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    extension = "docx"
    filename_stem = gettext_lazy("招商引资工作讲评")

    def write(self, report: ProgressReport, fileobj: IO[bytes], *, units: QuerySet[Unit] | None = None) -> None:
        from docx import Document
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm, Pt

        review = review_for(report)
        doc = Document()
        section = doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(26)
        section.top_margin = section.bottom_margin = Mm(30)

        normal = doc.styles["Normal"]
        normal.font.size = Pt(14)
        _set_font(normal.font, normal.element, FONT_BODY)
        normal.paragraph_format.line_spacing = 1.5
        normal.paragraph_format.space_after = Pt(0)

        doc.core_properties.title = clean_text(review.title)
        title = doc.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.space_after = Pt(12)
        run = title.add_run(clean_text(review.title))
        run.bold = True
        run.font.size = Pt(18)
        _set_font(run.font, run._element, FONT_TITLE)

        for kind, text in review.paragraphs:
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(28)  # two characters of 14 pt
            run = paragraph.add_run(clean_text(text))  # a unit's name never breaks the document
            if kind == "heading":
                run.bold = True
                _set_font(run.font, run._element, FONT_TITLE)
        doc.save(fileobj)


def _set_font(font, element, name: str) -> None:
    """Set a font for Latin and East Asian text alike: Word takes CJK glyphs from rPr/rFonts@eastAsia."""
    from docx.oxml.ns import qn

    font.name = name
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), name)
