"""The registry of every diagnostic code: id, slug, default severity, summary and help."""

from __future__ import annotations

import enum
from dataclasses import dataclass


@enum.unique
class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    """Reported for information (an open revision, say); never fails a run, not even with --strict."""
    IGNORE = "ignore"


@dataclass(frozen=True, slots=True)
class Code:
    id: str
    slug: str
    severity: Severity
    summary: str
    why: str
    help: str | None = None


E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

_ALL = (
    # PC0xx: project configuration (these abort with exit 2)
    Code("PC001", "config-missing", E, "The project has no `proccompile.yaml`",
         "Departments, numbering patterns and approval roles live in the project config; "
         "without it nothing can be checked.",
         "Create `proccompile.yaml` at the project root (see docs/configuration.md)"),
    Code("PC002", "config-invalid", E, "The project config is not valid",
         "Every other check depends on the config, so a broken config stops the run with exit 2.",
         None),
    # PC1xx: loading YAML
    Code("PC101", "yaml-syntax", E, "The file is not valid YAML",
         "A file that does not parse cannot be checked at all.", None),
    Code("PC102", "duplicate-key", E, "A mapping repeats a key",
         "YAML loaders disagree on which value wins; the author meant one of them.",
         "Remove or rename one of the two keys"),
    Code("PC103", "invalid-date", E, "A date does not exist in the calendar",
         "Dates drive document-control checks; an impossible date cannot be compared.",
         "Write the date as YYYY-MM-DD with a real month and day"),
    Code("PC104", "not-utf8", E, "The file is not UTF-8 encoded",
         "Files saved by legacy editors in GBK, Big5 or Windows-1252 turn text into mojibake. The finding "
         "names the encodings the bytes fit; converting from the wrong one corrupts the file.",
         "Re-save the file as UTF-8 from the encoding it was saved in (for example `iconv -f GB18030 -t UTF-8` "
         "for Simplified Chinese, `iconv -f CP1252 -t UTF-8` for Western European text)"),
    Code("PC105", "file-too-large", E, "The file is larger than the size limit",
         "A procedure or form is a few kilobytes; a huge file is a mistake or an attack.",
         "Split the document, or check that the right file is in the folder"),
    Code("PC106", "alias-not-allowed", E, "The file uses a YAML anchor or alias",
         "Aliases make one edit change many places silently and allow exponential expansion.",
         "Write the value out in full"),
    Code("PC107", "not-a-mapping", E, "The top level of the file is not a mapping",
         "Each file holds exactly one procedure, form or config as a mapping of fields.",
         "Start the file with the document's fields, e.g. `code: ...`"),
    Code("PC108", "unreadable-file", E, "The file cannot be read",
         "A directory, broken link or permission problem where a YAML file is expected.",
         "Make it a readable regular file or remove it"),
    # PC2xx: document model
    Code("PC109", "outside-project", E, "A project file links outside the project folder",
         "Only files inside the project are read: a linked file could print secrets (/proc/self/environ) "
         "into a finding or a document, or block the run (/dev/zero, a named pipe).",
         "Copy the file into the project instead of linking to it"),
    Code("PC110", "file-name-encoding", E, "A file name is not valid UTF-8",
         "Names are printed in findings and recorded in the build manifest, which are UTF-8; a name saved "
         "in a legacy encoding cannot be shown or recorded faithfully.",
         "Rename the file using UTF-8 (e.g. `convmv -f gbk -t utf-8`)"),
    Code("PC201", "unknown-field", E, "A field is not part of the document model",
         "Unknown fields are usually typos; silently ignoring them loses content.",
         None),
    Code("PC202", "missing-field", E, "A required field is missing",
         "Controlled documents need every identifying field (ISO 9001 7.5.2).", None),
    Code("PC203", "invalid-value", E, "A field has a value of the wrong type or form",
         "The value cannot be understood, so it cannot be checked or printed.", None),
    Code("PC204", "illegal-character", E, "Text contains a character Word cannot store",
         "Control characters such as \\x0b are illegal in OOXML and would break the build.",
         "Remove the character; use a real line break instead of \\v or \\f"),
    Code("PC205", "wrong-folder", E, "A procedure is in `forms/`, or a form in `procedures/`",
         "The folder says what a file is: a form's file is read as a form, so a procedure put there would "
         "get a finding for every procedure field instead of being checked.",
         "Move the file to the folder of its kind"),
    # PC3xx: references across the corpus
    Code("PC301", "code-pattern", E, "A document code does not follow the house numbering pattern",
         "Codes are how auditors and staff find documents; the pattern is set in the config.",
         None),
    Code("PC302", "duplicate-code", E, "Two files define the same document code",
         "A code must identify exactly one controlled document (ISO 9001 7.5.2a).",
         "Give one of the documents a new code; never reuse a withdrawn code"),
    Code("PC303", "unknown-form", E, "A record names a form code that has no form file",
         "Every record kept must have a defined, controlled form.", None),
    Code("PC304", "unknown-department", E, "A department id is not defined in the config",
         "Duties, step owners and record keepers must be real departments.", None),
    Code("PC305", "unknown-document", E,
         "A related document is neither a procedure in the corpus nor a registered external document",
         "Related documents must resolve so readers can find them.", None),
    Code("PC306", "pinned-reference", E, "A reference pins a version or year of a document",
         "References cite codes only, so they never go stale when the cited document is revised.",
         None),
    Code("PC307", "record-not-listed", E, "A step produces a record missing from the records table",
         "The records table is what keepers and auditors rely on; it must list every record.",
         None),
    Code("PC308", "record-not-produced", W, "A records-table entry is produced by no step",
         "A record nobody produces is either stale or its step is missing.", None),
    Code("PC309", "owner-without-duty", E,
         "A step owner has no entry under the procedure's responsibilities",
         "Whoever performs a step must see that duty in the responsibilities section.", None),
    Code("PC310", "owner-department-without-duty", E,
         "The owning department has no entry under responsibilities",
         "The department that owns a procedure must have a stated duty in it.", None),
    Code("PC311", "unused-form", W, "No procedure references this form",
         "An orphan form is either obsolete or its procedure forgot to list it.",
         "Reference the form from a procedure's records, or withdraw it"),
    Code("PC312", "cites-obsolete", E, "A released procedure cites an obsolete procedure",
         "Obsolete documents must not be used (ISO 9001 7.5.3.2); citing one points users at it.",
         None),
    Code("PC313", "retention-missing", E, "A record has no retention period",
         "Every record needs a defined retention (ISO 9001 7.5.3.2 d).",
         "Give the record or its form a `retention`, or set `records.default_retention`"),
    Code("PC314", "retention-too-short", E, "A record's retention is below the configured minimum",
         "The minimum comes from law, customers or the standard (e.g. IATF 7.5.3.2.1).", None),
    Code("PC315", "attachment-missing", E, "An attachment file does not exist",
         "An attachment listed in a controlled document must be available with it.",
         "Add the file, or correct the path (relative to the project root)"),
    Code("PC316", "path-outside-project", E, "A path points outside the project folder",
         "Documents are built from the project alone; a path escaping it could read any file.",
         "Use a path relative to the project root, without `..` or a leading `/`"),
    Code("PC317", "attachment-not-embeddable", E, "An attachment image cannot be embedded in Word",
         "Images attached to a procedure are printed in it; Word documents built with python-docx take PNG, "
         "JPEG, GIF, BMP and TIFF, not SVG, and a file whose content does not match its extension would "
         "leave a broken picture in a controlled document.",
         "Export the drawing as PNG (for example `rsvg-convert -o flow.png flow.svg`) and attach that file"),
    Code("PC320", "value-too-long", E, "A value is too long to store in a Word document property",
         "Titles, codes, printed numbers, the author and the ISO clauses are also written into each "
         "document's properties (File › Info in Word), which hold at most 255 characters; the build "
         "could not store a longer one.", None),
    Code("PC321", "keeper-conflict", W, "A record is kept by different departments in different procedures",
         "The records register and the audit checklist ask one department for a record; two keepers leave "
         "nobody answerable for it (ISO 9001 7.5.3.2).",
         "Name the same keeper for the form in every procedure's records table"),
    Code("PC322", "immediate-with-limit", W, "A step says 'immediately' and also has a time limit",
         "An auditor cannot judge a step against two limits: 立即 and `time_limit: 24h` contradict each other.",
         None),
    Code("PC323", "permanent-with-period", W, "A permanently kept record also states a period or minimum",
         "'Kept permanently, at least 3 years' has no meaning; the register and the checklist need one retention.",
         None),
    Code("PC324", "external-auditor", E, "An internal auditor belongs to an external department",
         "Internal audits are carried out by the organisation's own competent, independent staff (ISO 19011 "
         "5.5.4, 7.2); a dealer cannot audit the company's departments.", None),
    Code("PC325", "before-without-anchor", W, "A step's text sets its limit before an event, but the YAML "
         "counts it after one",
         "“提前5个工作日” or “at least two weeks before the audit” is a limit before an event; without "
         "`before: true` and the `anchor` event the checklist cannot ask for it the right way round, and never "
         "reads it as “within”.", None),
    Code("PC326", "cites-excluded-clause", W, "A document cites a clause the config excludes as not applicable",
         "The coverage matrix would show the clause both addressed and not applicable (ISO 9001 4.3).", None),
    Code("PC327", "exclusion-not-allowed", E, "A clause is excluded that the standard does not let the QMS exclude",
         "ISO 9001 4.3 excludes only requirements that cannot apply; IATF 16949 4.3.2 permits excluding product "
         "design within 8.3 alone: manufacturing process design (8.3.3.2, 8.3.5.2) always applies. A clause outside "
         "the clause table cannot be excluded either.", None),
    Code("PC328", "plan-date-not-scheduled", W, "The audit plan's date falls in a month the programme schedules "
         "no audit",
         "The plan carries out the annual programme (ISO 9001 9.2.2 a); a plan dated outside it audits processes the "
         "programme does not schedule then, so `checklist` plans every released procedure on that date instead. A "
         "warning, not an error: releasing or retiring a procedure moves the programme's months.", None),
    Code("PC329", "auditors-cannot-cover", W, "No configured auditor is independent of some part of the audit",
         "Auditors do not audit their own department, a procedure they signed or the audit process they take part "
         "in (ISO 9001 9.2.2 c, ISO 19011 4 e). The checklist still comes out, with those items unassigned.", None),
    Code("PC330", "clause-lead", W, "A clause of the quality functions table has no single lead department",
         "The 质量职能分配表 names one 主管 per clause; several owners citing a clause, an external party or a clause "
         "outside the table leave it without one.", None),
    Code("PC331", "record-keeping-undeclared", W, "A record's storage or medium is not declared",
         "The records register states where and on what each record is kept (ISO 9001 7.5.3.2); the tool does not "
         "guess it from the text. Reported by `register`.", None),
    Code("PC340", "chapter-order", E, "A chapter order does not list each chapter of the document's type once",
         "A chapter left out of `chapter_order` would print out of place, and one named twice or unknown has no "
         "place at all; numbering, checklist criteria and where-used follow the printed order.", None),
    Code("PC341", "unknown-chapter", E, "A free chapter is placed before or after a chapter its type does not have",
         "The chapter would be printed at the end instead of where its author put it.", None),
    Code("PC342", "chapter-number-twice", E, "Two chapters of a document print the same number",
         "A quality manual's clause chapters carry the clause numbers (4 … 10); a chapter numbered in sequence "
         "before them must stop below 4, or a finding citing chapter 4 names two chapters.",
         "Put the chapter after the clause chapters, or leave fewer numbered chapters before them"),
    Code("PC343", "unknown-clause", E, "A manual chapter answers a clause the clause set does not have, or "
         "repeats or reorders one",
         "The manual's clause chapters are printed with the clause set's numbers and titles, in clause order; an "
         "unknown number (8.8 in ISO 9001:2015) has no title and no place.", None),
    Code("PC344", "unknown-company", E, "A document names a company the config does not list",
         "The company heads every page of the document; an unknown id would print the group's name on another "
         "entity's document.", None),
    Code("PC345", "retention-event-unknown", E, "A retention counts from an event the config does not declare",
         "A rule such as `{after: end of production, plus: 1y}` is only a rule when everyone reads the event the "
         "same way; declared events are the closed list the records register and the auditor work from (IATF "
         "16949 7.5.3.2.1).", None),
    Code("PC346", "internal-as-external", E, "A document of the project is registered as an external document",
         "Internal documents are controlled by their own versions and releases; listed as external they would appear "
         "in the external-documents register and the audit criteria as if they came from outside (ISO 9001 "
         "7.5.3.2).", None),
    Code("PC347", "clause-not-described", E, "A manual's cover lists a clause that none of its clause chapters "
         "describes",
         "The cover's clause list says which requirements the manual answers; a clause with no chapter on it, or "
         "on a clause above or under it, is a claim the manual does not back.", None),
    Code("PC350", "unknown-step", E, "A flow reference names no step of its steps chapter",
         "`next:` and decision outcomes lead to a step of the same procedure, named by its `id`, or to `end`; a "
         "reference that resolves to nothing leaves a gap in the process and in its flowchart.", None),
    Code("PC351", "duplicate-step-id", E, "Two steps of one steps chapter have the same id",
         "A step id is what `next:` and decision outcomes lead to; two steps with one id make every such "
         "reference ambiguous.", None),
    Code("PC352", "unreachable-step", E, "No path through the flow reaches a step",
         "A step that every path skips is never carried out as written, yet the procedure still requires it; "
         "the flowchart would show a box no arrow leads to.", None),
    Code("PC353", "single-outcome-decision", E, "A decision has only one outcome",
         "A decision with one way out decides nothing: the diamond needs an arrow for each answer, e.g. "
         "合格 and 不合格.", None),
    Code("PC354", "loop-without-exit", E, "A loop in the flow has no way out",
         "Steps that lead only to each other never finish the process: a loop needs a decision with an outcome "
         "that leaves it (措施有效 → end).", None),
    Code("PC355", "flowchart-limit", E, "A document's flowchart cannot be drawn legibly",
         "Flowcharts are drawn from the steps with a lane per department that owns a step; past the limits the "
         "chart's text would be too small to read, so the build would print a chart nobody can use.", None),
    # PC4xx: document control
    Code("PC401", "version-scheme", E, "A version does not follow the configured version scheme",
         "Revision status must be identifiable and comparable (ISO 9001 7.5.2, 7.5.3.2 c).", None),
    Code("PC402", "revision-history-stale", E,
         "The last revision-history entry is not the current version",
         "The revision table must tell the truth about the version in force.", None),
    Code("PC403", "revision-order", E, "Revision-history versions or dates are out of order",
         "Versions only move forward: A/0, A/1 ... then B/0.", None),
    Code("PC404", "date-order", E, "Document dates are out of order",
         "Approval comes before issue, and a document takes effect on or after its issue date.",
         None),
    Code("PC405", "approvals-incomplete", E, "A released document lacks a required approval",
         "Documents are reviewed and approved before issue (ISO 9001 7.5.2 c).", None),
    Code("PC406", "self-approval", W, "The same person prepared and approved the document",
         "Separation of preparation and approval is expected by most auditors.", None),
    Code("PC407", "released-content-changed", E, "A released version's content changed without a new version",
         "A released document is controlled: every change is identified and approved as a new version "
         "(ISO 9001 7.5.3.2 c). The lock file holds the fingerprint of each released version's content; "
         "comments and layout do not count, every field does.",
         None),
    Code("PC408", "version-went-backwards", E, "A document's version is older than a released version",
         "Versions only move forward; an older number in the working tree means a released version was "
         "overwritten or a merge went wrong.", None),
    Code("PC409", "locked-document-missing", E, "A document in the lock file no longer exists",
         "Released documents are withdrawn (status obsolete), never deleted: their history must stay "
         "retrievable (ISO 9001 7.5.3.2).", None),
    Code("PC410", "lock-invalid", E, "The lock file or one of its entries cannot be read",
         "An entry that does not parse protects nothing; the lock file is written by the tool, not by hand.",
         None),
    Code("PC411", "version-not-locked", W, "A released version is missing from the lock file",
         "A version that was set released by hand skipped `proccompile release`, so its content is not "
         "protected against later edits.", None),
    Code("PC412", "review-overdue", W, "A document is past its next periodic review",
         "Documents are reviewed at planned intervals to stay adequate (ISO 9001 7.5.2 c, IATF 7.5.1.1). "
         "The day is `--today`, else SOURCE_DATE_EPOCH, else the local date.", None),
    Code("PC413", "uses-obsolete-form", E, "A released procedure uses an obsolete form",
         "Obsolete forms must not be used (ISO 9001 7.5.3.2 d); a procedure in force that names one sends "
         "staff to a withdrawn form.", None),
    Code("PC414", "withdrawal-inconsistent", E, "A withdrawal record contradicts the document's status or dates",
         "Only obsolete documents are withdrawn, and only after they were issued.", None),
    Code("PC415", "duplicate-copy-number", E, "A controlled copy number is issued twice",
         "Each controlled copy is accounted for by its number when a new version recalls it.", None),
    Code("PC416", "revision-open", INFO, "A revision of the document is open",
         "While the next version is drafted and approved, the version in force stays the controlled copy; "
         "`build` writes the working content as a review draft marked uncontrolled.", None),
    Code("PC417", "approval-void", W, "An approval was given for content that has changed since",
         "A signature approves the content the signer saw (ISO 9001 7.5.2 c); an edit after it needs the "
         "signer to approve again, so `release` refuses a revision with such an approval.", None),
    Code("PC418", "separation-of-duties", W, "One person signs roles the project keeps apart",
         "A review or an approval by the author is no independent check; by default every approval role "
         "needs its own signer (`change_control.same_signer` lists the pairs a project allows), and "
         "`release` refuses a revision that breaks the rule.", None),
    Code("PC419", "in-force-copy-invalid", E, "The stored copy of the version in force is missing or altered",
         "While a revision is open, `in-force/` holds the released content that `build` issues as the "
         "controlled copy; it must be exactly what the lock file recorded for that version.",
         "Restore it from git (`git checkout -- in-force/`), or cancel the revision with "
         "`proccompile revise CODE --cancel`"),
    Code("PC420", "revision-unapproved", E, "A revision cannot be released before every role approved it",
         "Documents are approved for adequacy before issue (ISO 9001 7.5.2 c): each approval role signs "
         "the content that is released, in its own name and on its own date.", None),
    Code("PC421", "no-content-change", E, "A new version would not change the content",
         "A version number identifies a change (ISO 9001 7.5.3.2 c); a release with nothing changed makes "
         "every controlled copy be recalled and re-issued for nothing.",
         "Record a periodic review instead (`proccompile review`), or edit the document first"),
    Code("PC422", "placeholder-text", W, "A placeholder written by `proccompile new` was never filled in",
         "A document released with \"(procedure title)\" or \"（待填写）\" in it tells its users nothing; "
         "`release` refuses it.", "Write the real text in place of the placeholder"),
    Code("PC423", "cites-draft", W, "A released document relies on a draft",
         "A draft is not in force: staff sent to it find no approved document (ISO 9001 7.5.3.2 a); "
         "`release` refuses a document that cites a draft procedure or uses a draft form.",
         "Release the draft first, or remove the reference"),
    Code("PC424", "dated-in-future", E, "A signature or review is dated after today",
         "An approval or a review records something that happened; a date still to come is not a record "
         "of it. Today is `--today`, else SOURCE_DATE_EPOCH, else the local date.", None),
    Code("PC425", "distribution-gap", W, "A department with a part in a document holds no copy of it",
         "The current version must be available where it is used (ISO 9001 7.5.3.1 a); a department with "
         "a duty or a step but no controlled copy works without it.", None),
    Code("PC426", "replacement-missing", W, "A withdrawn document names a replacement that is not in force",
         "Users of a withdrawn document are sent to its replacement; one that does not exist (or is not "
         "released) leaves them with nothing.", None),
    Code("PC427", "edit-interrupted", E, "A change-control edit was interrupted before all its files were written",
         "A release writes the document and the lock file together; a run killed between the two leaves "
         "them disagreeing until the edit is finished.",
         "Run `proccompile lock` (or any change-control command) to finish the edit"),
    # PC5xx: rendering Word documents
    Code("PC501", "template-error", E, "A wording template cannot be used",
         "Section titles, labels and boilerplate come from templates; a broken project template would "
         "put wrong or missing wording into controlled documents, so the build stops.",
         "Fix the template under `templates/`, or delete it to use the packaged wording"),
    Code("PC502", "reference-docx-invalid", E, "`templates/reference.docx` is not a usable Word document",
         "The reference document supplies the company's styles, fonts and margins; without it every "
         "output would silently fall back to the packaged look.",
         "Save the reference document from Word as .docx (not .doc or .dotx), or remove it"),
    Code("PC503", "output-name-collision", E, "Two documents would be written to the same output file or site page",
         "File names are made from code, version and title with unsafe characters replaced, site pages from the "
         "code alone (cut to 200 bytes); two documents that differ only in those characters, in case or after "
         "the cut would overwrite each other.",
         "Change the code or title of one of the documents"),
    Code("PC504", "form-overflows-page", E, "A one-page form cannot fit on one page",
         "A blank form is printed and filled in by hand; a second page that holds only its last rows or "
         "notes gets lost or left blank. Tables lose blank rows to fit (down to three rows each, PC510), but "
         "fields, text, pre-printed rows, sign-offs and notes cannot shrink.",
         "Give multi-line fields fewer `lines`, move fields into a table, use landscape or `density: compact`, "
         "or set `one_page: false` for a form meant to run over several pages"),
    Code("PC510", "form-rows-cut", W, "A one-page form prints fewer blank rows than a table asks for",
         "A row asked for and not printed is a row somebody needed; the form says how many rows it has, so the "
         "cut is reported, never made silently. Pre-printed rows (labels, cells) are never cut.",
         "Ask for the rows that fit, or set `one_page: false`: the table then continues on the next page "
         "with its heading repeated"),
    Code("PC511", "heading-too-wide", W, "A table's column headings cannot fit the page without breaking words",
         "Every column is at least as wide as the longest word of its heading, at type down to 7.5 pt; past "
         "that, the printed heading breaks inside a word or code (Measureme|nt, 生产日|期).", None),
    Code("PC512", "logo-unusable", E, "The configured logo cannot be printed",
         "The logo is printed in the header of every document; a missing, damaged or oversized picture, or "
         "one outside the project, would stop the build or print a broken picture on controlled documents.",
         "Save the logo as PNG, JPEG or GIF inside the project and give its path in `logo`"),
)

CODES: dict[str, Code] = {code.id: code for code in _ALL}
