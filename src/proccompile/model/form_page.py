"""What a printed form is measured against: paper and margins, type sizes of its density, and fixed wording.

Shared by the render stage, which sets the page up and draws the form, and the validate stage, which
reports what cannot fit; both must measure the same page.
"""

from __future__ import annotations

from dataclasses import dataclass

from proccompile.model.types import Paper

PAPER_CM: dict[str, tuple[float, float]] = {"A4": (21.0, 29.7), "Letter": (21.59, 27.94)}
PAPER_TWIPS: dict[str, tuple[int, int]] = {"A4": (11906, 16838), "Letter": (12240, 15840)}  # as Word stores them
# Page margins of the packaged reference document (cm); the top leaves room for the header table.
MARGINS_CM = {"top": 3.6, "bottom": 2.0, "left": 2.5, "right": 2.0, "header": 1.0, "footer": 1.0}
FORM_TOP_CM = 3.2  # a form's three-row header needs less room than a procedure's four rows
EM_CM_PER_PT = 2.54 / 72


@dataclass(frozen=True, slots=True)
class Density:
    """Type size and spacing of a form's cells."""

    font_pt: float  # grid, table and heading text
    line_cm: float  # one handwriting line (a blank row, a field)
    text_line_cm: float  # one printed line of cell text
    pad_cm: float  # left and right cell margins together, and the renderer's slack
    cell_margin: int | None  # twips left and right, when not the table style's
    pairs: tuple[int, int]  # label/blank pairs a row holds, portrait and landscape
    size: int | None  # half-points of every run, when not the styles' own

    @property
    def em_cm(self) -> float:
        return self.font_pt * EM_CM_PER_PT


# Line heights measured in LibreOffice with Noto CJK, the tallest of the renderers' fonts (Word's SimSun is
# shorter): a cell of n lines is n × text_line_cm + 0.12 cm high, cell margins included.
NORMAL = Density(10.5, 0.8, 0.59, 0.42, None, (2, 3), None)
COMPACT = Density(8.0, 0.6, 0.45, 0.3, 57, (3, 4), 16)
DENSITIES = {"normal": NORMAL, "compact": COMPACT}


@dataclass(frozen=True, slots=True)
class FormPage:
    """The body of one printed form: text width and height in cm."""

    paper: Paper
    landscape: bool
    density: Density

    @property
    def width_cm(self) -> float:
        return self._size()[0] - MARGINS_CM["left"] - MARGINS_CM["right"]

    @property
    def height_cm(self) -> float:
        return self._size()[1] - FORM_TOP_CM - MARGINS_CM["bottom"]

    def _size(self) -> tuple[float, float]:
        width, height = PAPER_CM[self.paper]
        return (height, width) if self.landscape else (width, height)


@dataclass(frozen=True, slots=True)
class FormWords:
    """Fixed wording a form prints besides its own text; the render stage takes it from the project's
    templates, the check from the packaged ones."""

    checkbox: str
    checked: str
    gap: str
    date_blank: str
    blank_line: str
    separator: str  # after a sign-off label
    name: str
    signature: str
    title: str
    phone: str
    date: str
    signer: str  # heading of the role column of a signers table


PACKAGED_WORDS = {
    "zh": FormWords("☐", "☑", "　", "　　　　年　　月　　日", "＿＿＿＿＿＿＿＿", "：", "姓名", "签名", "职务", "电话",
                    "日期", "签字人"),
    "en": FormWords("☐", "☑", "   ", "____-__-__", "______________", ": ", "Name", "Signature", "Title", "Phone",
                    "Date", "Signed for"),
}
# The house filling rules printed under every form's own instructions (templates/<language>/form_notes.j2):
# the check measures these, as it cannot render a project's templates; the build measures what it prints.
PACKAGED_NOTES = {
    "zh": ("用黑色或蓝黑色钢笔、签字笔填写，不得使用铅笔，字迹清晰、工整。",
           "各栏应填写完整；无内容可填的栏目划“/”，不得留空。",
           "填错需更正时，在错误内容上划一条横线，保持原内容清晰可辨，在旁边写上正确内容，并由更正人签名、注明日期；"
           "不得涂改、刮擦或使用修正液。"),
    "en": ("Fill in with a black or blue-black pen; never use pencil. Write legibly.",
           'Complete every field; enter "/" in a field that does not apply, never leave it blank.',
           "To correct an entry, strike it through with a single line so it stays legible, write the correct value "
           "next to it, and sign and date the correction. Do not overwrite, erase or use correction fluid."),
}
