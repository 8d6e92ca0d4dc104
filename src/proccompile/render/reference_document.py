"""The base document every output starts from: the packaged slim default or the project's reference.docx."""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import OpcPackage
from docx.opc.part import Part, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Emu
from lxml import etree

from proccompile.diagnostics import Diagnostics, Span
from proccompile.load.paths import Refusal, exists, refusal
from proccompile.model.form_page import MARGINS_CM
from proccompile.render.package import to_bytes
from proccompile.render.package_limits import package_problem
from proccompile.render.styles import (
    EAST_ASIAN_LANGUAGE,
    SANS,
    STYLE_NAMES,
    TYPEFACES,
    W_NS,
    Face,
    default_styles_xml,
    font_table_xml,
    latin_theme,
)

REFERENCE = "templates/reference.docx"
CM = 567  # twips per centimetre (1440 / 2.54, rounded as Word does)
# Margins of the packaged default (cm): top leaves room for the four-row header table.
DEFAULT_MARGINS = MARGINS_CM
# Our headers and footers replace the reference's; Word-only extras would bloat every file.
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
# Images are dropped with the reference's body text: a logo left related to the cleared body would be
# copied, unused, into every output.
_DROP_DOCUMENT_RELS = (_STYLES_WITH_EFFECTS, RT.WEB_SETTINGS, RT.COMMENTS, RT.CUSTOM_XML, RT.HEADER, RT.FOOTER,
                       RT.GLOSSARY_DOCUMENT, RT.IMAGE)


@dataclass(frozen=True)
class Base:
    """Bytes of the prepared base .docx, the style ids of the logical styles in it, and the sans face (Latin,
    East-Asian) that header, stamp, bold cells and watermark name explicitly, in the project's language."""

    data: bytes
    style_ids: dict[str, str]
    source: str  # "default" or the project-relative path of the reference document
    sans: Face = SANS


def load_base(project_root: Path, company: str, bag: Diagnostics, max_bytes: int = 50_000_000, *,
              language: str = "zh") -> Base:
    """The project's reference.docx prepared as a base, or the packaged default when there is none or it
    cannot be used (a finding says why). ``max_bytes`` bounds its uncompressed size (limits.reference_docx_bytes).
    ``language`` picks the default typefaces, the East-Asian language and the theme's script fonts.
    """
    path = project_root / REFERENCE
    if exists(path) and _usable(project_root, path, max_bytes, bag):
        try:
            base = _prepare(docx.Document(io.BytesIO(path.read_bytes())), company, REFERENCE, reference=True,
                            language=language)
            docx.Document(io.BytesIO(base.data))  # every output re-opens the base: it must survive that
            return base
        except Exception as exc:  # noqa: BLE001 - any unreadable package is a finding, not a crash
            bag.add("PC502", f"`{REFERENCE}` cannot be used as a reference document: {str(exc) or type(exc).__name__}",
                    Span(REFERENCE, 1, 1))
    return _prepare(docx.Document(), company, "default", reference=False, language=language)


def _usable(project_root: Path, path: Path, max_bytes: int, bag: Diagnostics) -> bool:
    """Whether the reference may be parsed: a regular file inside the project, of bounded size, without entities."""
    refused = refusal(project_root, path)
    if refused is not None and refused.kind is Refusal.OUTSIDE:
        bag.add("PC316", f"`{REFERENCE}` links outside the project folder", Span(REFERENCE, 1, 1))
        return False
    problem = refused.reason if refused is not None else package_problem(path, max_bytes)
    if problem is not None:
        bag.add("PC502", f"`{REFERENCE}` cannot be used as a reference document: {problem}", Span(REFERENCE, 1, 1))
        return False
    return True


def _prepare(document: docx.document.Document, company: str, source: str, *,
             reference: bool, language: str = "zh") -> Base:
    part = document.part
    styles_part = cast(XmlPart, part.part_related_by(RT.STYLES))
    defaults = parse_xml(default_styles_xml(language).encode("utf-8"))
    if reference:
        _add_missing_styles(styles_part.element, defaults)
    else:
        styles_part._element = defaults
        _set_blob(part.part_related_by(RT.FONT_TABLE), font_table_xml(language).encode("utf-8"))
    if language != "zh":
        _drop_script_fonts(part)
    drop = _DROP_DOCUMENT_RELS if reference else (*_DROP_DOCUMENT_RELS, RT.NUMBERING)
    for rId, rel in list(part.rels.items()):
        if rel.reltype in drop:
            part.rels.pop(rId)
    package_rels = part.package.rels
    for rId, rel in list(package_rels.items()):
        if rel.reltype in (RT.THUMBNAIL, RT.CUSTOM_PROPERTIES):
            package_rels.pop(rId)
    _fix_settings(cast(XmlPart, part.part_related_by(RT.SETTINGS)).element, language)
    _clear_body(document, reference)
    _set_app_properties(part.package, company)
    style_ids = _style_ids(styles_part.element)
    _drop_heading_numbering(styles_part.element, style_ids)
    # Every output opens the base again: stored rather than deflated, it opens a fifth faster.
    return Base(to_bytes(document, compress=False), style_ids, source, TYPEFACES[language][1])


def _drop_script_fonts(part: Part) -> None:
    """The theme of a document in a Latin language, without fonts named in CJK (see ``latin_theme``)."""
    for rel in part.rels.values():
        if rel.reltype == RT.THEME and not rel.is_external:
            _set_blob(rel.target_part, latin_theme(rel.target_part.blob))


def _set_blob(part: Part, blob: bytes) -> None:
    part._blob = blob


def _add_missing_styles(styles: etree._Element, defaults: etree._Element) -> None:
    """Copy each logical style the reference lacks from the defaults, re-pointing basedOn by name."""
    have = {s.find(qn("w:name")).get(qn("w:val")).lower(): s.get(qn("w:styleId"))
            for s in styles.findall(qn("w:style")) if s.find(qn("w:name")) is not None}
    default_names = {s.get(qn("w:styleId")): s.find(qn("w:name")).get(qn("w:val")).lower()
                     for s in defaults.findall(qn("w:style"))}
    for style in defaults.findall(qn("w:style")):
        name = default_names[style.get(qn("w:styleId"))]
        if name in have:
            continue
        added = copy.deepcopy(style)
        added.attrib.pop(qn("w:default"), None)  # the reference keeps its own defaults
        for tag in ("w:basedOn", "w:next", "w:link"):
            ref = added.find(qn(tag))
            if ref is not None:
                target = have.get(default_names.get(ref.get(qn("w:val")), ""))
                if target is None:
                    added.remove(ref)
                else:
                    ref.set(qn("w:val"), target)
        styles.append(added)
        have[name] = added.get(qn("w:styleId"))


def _style_ids(styles: etree._Element) -> dict[str, str]:
    by_name = {s.find(qn("w:name")).get(qn("w:val")).lower(): s.get(qn("w:styleId"))
               for s in styles.findall(qn("w:style")) if s.find(qn("w:name")) is not None}
    return {key: by_name[name.lower()] for key, name in STYLE_NAMES.items() if name.lower() in by_name}


def _drop_heading_numbering(styles: etree._Element, style_ids: dict[str, str]) -> None:
    # Numbers are written into the text (1, 5.1, 5.1.1); a reference's list numbering would double them.
    used = set(style_ids.values())
    for style in styles.findall(qn("w:style")):
        ppr = style.find(qn("w:pPr"))
        if style.get(qn("w:styleId")) in used and ppr is not None:
            for num in ppr.findall(qn("w:numPr")):
                ppr.remove(num)


_AFTER_THEME_FONT_LANG = (
    "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
    "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator",
)


def _fix_settings(settings: etree._Element, language: str = "zh") -> None:
    # The python-docx default is Japanese-flavoured: un-styled CJK would fall back to ＭＳ 明朝.
    lang = settings.find(qn("w:themeFontLang"))
    if lang is None:
        lang = parse_xml(f'<w:themeFontLang xmlns:w="{W_NS}"/>')
        # CT_Settings is a sequence: themeFontLang goes before these, or Word may reject the part.
        later = [settings.find(qn(f"w:{t}")) for t in _AFTER_THEME_FONT_LANG]
        anchor = next((el for el in later if el is not None), None)
        (anchor.addprevious if anchor is not None else settings.append)(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), EAST_ASIAN_LANGUAGE[language])
    # One header for every page: a reference's odd/even split would leave pages without the header.
    for tag in ("w:savePreviewPicture", "w:evenAndOddHeaders", "w:updateFields", "w:attachedTemplate"):
        for el in settings.findall(qn(tag)):
            settings.remove(el)


def _clear_body(document: docx.document.Document, reference: bool) -> None:
    body = document.element.body
    sect_pr = body.find(qn("w:sectPr"))
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)
    if sect_pr is None:
        sect_pr = body._add_sectPr()
    for tag in ("w:headerReference", "w:footerReference", "w:titlePg", "w:pgNumType"):
        for el in sect_pr.findall(qn(tag)):
            sect_pr.remove(el)
    section = document.sections[0]
    if not reference:
        for name, cm in DEFAULT_MARGINS.items():
            setattr(section, f"{name}_margin" if name in ("top", "bottom", "left", "right") else f"{name}_distance",
                    Emu(round(cm * CM) * 635))  # EMU per twip
    # Paper is always A4 portrait here; landscape forms swap it per document.
    section.page_width, section.page_height = Emu(11906 * 635), Emu(16838 * 635)


_APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            "<Application>proccompile</Application><Company>{company}</Company></Properties>")


def _set_app_properties(package: OpcPackage, company: str) -> None:
    from xml.sax.saxutils import escape

    for rel in package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            # Word's page and word counts in a template's app.xml would be stale in every output.
            _set_blob(rel.target_part, _APP_XML.format(company=escape(company)).encode("utf-8"))


def default_reference_docx(company: str = "") -> bytes:
    """The packaged default as a starting point for a company reference.docx, one sample per style.

    Open it in Word, change the styles (not the text), save it as ``templates/reference.docx``.
    """
    document = docx.Document(io.BytesIO(_prepare(docx.Document(), company, "default", reference=False).data))
    ids = _style_ids(document.styles.element)
    for key, name in STYLE_NAMES.items():
        if key in ids and key != "table_grid":
            document.add_paragraph(f"{name}：示例文字 Sample text 0123")._p.style = ids[key]
    return to_bytes(document)
