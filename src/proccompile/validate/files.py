"""Files that documents point at: attachments, pictures and the logo exist, stay inside the project, can be embedded."""

from __future__ import annotations

from proccompile.diagnostics import Diagnostics
from proccompile.load.paths import Refusal, Refused, project_path, refusal
from proccompile.load.picture import PictureProblem, read_picture
from proccompile.model import Corpus
from proccompile.model.attachments import handling, looks_like_image


def attachment_files(corpus: Corpus, bag: Diagnostics) -> None:
    root = corpus.config_source.path.parent
    # The attached files are read on every run, whether or not the document naming them changed.
    for doc in corpus.named:
        for ref in doc.names.files:
            # Located only for a finding: the file may not have been parsed.
            file, span = ref.target, doc.span(*ref.loc)
            what = "Attachment" if ref.role == "attachment" else "Picture"
            path = project_path(root, file)
            refused = refusal(root, path) if path is not None else Refused(Refusal.OUTSIDE)
            if path is None or refused is not None:
                if refused is None or refused.kind is Refusal.OUTSIDE:
                    bag.add("PC316", f"{what} path `{file}` leaves the project folder", span)
                else:
                    bag.add("PC315", f"{what} file `{file}` {refused.reason}", span)
                continue
            if handling(file) == "refuse":
                bag.add("PC317", f"{what} `{file}` is a vector drawing Word cannot embed", span)
            elif handling(file) == "copy" and ref.role == "picture":
                bag.add("PC317", f"Picture `{file}` is not a picture Word can embed", span,
                        help="Give a PNG, JPEG, GIF, BMP or TIFF file; attach other files under `attachments`")
            elif handling(file) == "embed":
                with path.open("rb") as stream:
                    head = stream.read(16)
                if not looks_like_image(file, head):
                    bag.add("PC317", f"{what} `{file}` is not the picture its extension says", span,
                            help="Save the picture again in the format its name says, or rename the file")


def logo_file(corpus: Corpus, bag: Diagnostics) -> None:
    """The configured logo is read as the build will read it: inside the project, bounded, a real picture."""
    config = corpus.config
    if config.logo is None:
        return
    found = read_picture(corpus.config_source.path.parent, config.logo, config.limits.picture_bytes)
    if isinstance(found, PictureProblem):
        span = corpus.config_source.span(("logo",))
        if found.outside:
            bag.add("PC316", f"Logo path `{config.logo}` leaves the project folder", span)
        else:
            bag.add("PC512", f"Logo `{config.logo}` {found.reason}", span)
