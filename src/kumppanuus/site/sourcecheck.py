"""The handbook's own check of the built site against its sources, without the sources' text.

Two checks over every page of a built site:

1. **Copied runs.** A run of :data:`WORDS` (8) or more consecutive words that also stands, word for word,
   in a source document. The sources themselves are not in the repository: ``data/source-fingerprints.txt``
   holds a salted hash of every 8-word run of them (a "shingle"), made by ``kumppanuus source-fingerprints``
   from the editors' source folder. Text inside quotations (blockquote, q, cite), code, navigation, header
   and footer does not count; runs never cross block elements. Titles of publications (data/bibliography.yaml)
   and the names listed in data/source-check.yaml may match.
2. **Contact details.** Any e-mail address or phone number on a page, unless data/source-check.yaml lists it
   as an organisation's public address; and in particular any that a source document gives (their hashes are
   in the fingerprints file too).

The editors' fuller tool (../shared/tools/source_policy.py, 12-word runs against the text itself) runs too
when the source folder is beside the repository; this one needs nothing but the repository.
"""
from __future__ import annotations

import hashlib
import html.parser
import re
from dataclasses import dataclass
from pathlib import Path

from ..core.contacts import EMAIL, PHONE, normal_email, normal_phone

WORDS = 8
SALT = "kumppanuus-source-shingle-v1"
FINGERPRINTS = Path("data") / "source-fingerprints.txt"
SKIP = {"blockquote", "q", "cite", "code", "pre", "script", "style", "nav", "header", "footer", "svg"}
BLOCK = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "div", "section", "article",
         "figcaption", "caption", "summary", "details", "tr", "br", "ul", "ol", "table", "dl", "blockquote"}
WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]+(?:[-'’][0-9A-Za-zÀ-ÖØ-öø-ÿ]+)*")


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def digest(text: str) -> str:
    return hashlib.blake2b(f"{SALT}\n{text}".encode("utf-8"), digest_size=6).hexdigest()


def shingle_hashes(text: str, n: int = WORDS) -> set[str]:
    ws = words(text)
    return {digest(" ".join(ws[i:i + n])) for i in range(len(ws) - n + 1)}


# -- fingerprints of the sources ------------------------------------------------------------------

def make_fingerprints(seeds: Path) -> str:
    """The fingerprints file for the source documents in ``seeds`` (*.txt): a header, then one hash per
    line, sorted; contact details prefixed 'contact '."""
    shingles: set[str] = set()
    contacts: set[str] = set()
    files = sorted(seeds.glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"no source documents (*.txt) in {seeds}")
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        shingles |= shingle_hashes(text)
        contacts |= {digest(normal_email(e)) for e in EMAIL.findall(text)}
        contacts |= {digest(normal_phone(p)) for p in PHONE.findall(text)}
    head = [f"# Salted hashes of every {WORDS}-word run and every contact detail of the {len(files)} source documents,",
            "# for kumppanuus.site.sourcecheck. Not the sources' text. Made by: kumppanuus source-fingerprints --seeds DIR",
            f"# words={WORDS} salt={SALT}"]
    return "\n".join(head + sorted(shingles) + [f"contact {h}" for h in sorted(contacts)]) + "\n"


@dataclass
class Fingerprints:
    shingles: set[str]
    contacts: set[str]

    @classmethod
    def read(cls, path: Path) -> "Fingerprints":
        shingles, contacts = set(), set()
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            if line.startswith("contact "):
                contacts.add(line[len("contact "):])
            else:
                shingles.add(line)
        return cls(shingles, contacts)


# -- the built pages -----------------------------------------------------------------------------

class Blocks(html.parser.HTMLParser):
    """The visible text of a page as blocks, quotations left out; and all of its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skip = 0
        self.all_text: list[str] = []

    def _flush(self) -> None:
        if self.current:
            self.blocks.append(" ".join(self.current))
            self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK:
            self._flush()
        if tag in SKIP:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in SKIP and self.skip:
            self.skip -= 1
        if tag in BLOCK:
            self._flush()

    def handle_data(self, data):
        self.all_text.append(data)
        if not self.skip:
            self.current.append(data)

    def close(self):
        super().close()
        self._flush()


def copied_runs(block: str, shingles: set[str], n: int = WORDS) -> list[str]:
    """Runs of n or more words of ``block`` whose every n-word window is a source shingle."""
    ws = words(block)
    hit = [digest(" ".join(ws[i:i + n])) in shingles for i in range(len(ws) - n + 1)]
    runs, i = [], 0
    while i < len(hit):
        if hit[i]:
            j = i
            while j + 1 < len(hit) and hit[j + 1]:
                j += 1
            runs.append(" ".join(ws[i:j + n]))
            i = j + 1
        else:
            i += 1
    return runs


@dataclass(frozen=True)
class Finding:
    page: str
    kind: str   # "copied" or "contact"
    text: str

    def __str__(self) -> str:
        return f"{self.page}: {self.kind}: {self.text[:160]}"


def check_site(site: Path, fingerprints: Fingerprints, allowed_runs: list[str],
               public_contacts: list[str]) -> tuple[int, list[Finding]]:
    """(pages checked, findings). ``allowed_runs`` are titles and names that may match a source;
    ``public_contacts`` are organisations' public e-mail addresses and phone numbers."""
    allowed = [" ".join(words(t)) for t in allowed_runs]
    public = {normal_email(c) if "@" in c else normal_phone(c) for c in public_contacts}
    pages = sorted(p for p in site.rglob("*.html") if "/assets/" not in p.as_posix())
    findings: list[Finding] = []
    for page in pages:
        parser = Blocks()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        parser.close()
        rel = page.relative_to(site).as_posix()
        for block in parser.blocks:
            for run in copied_runs(block, fingerprints.shingles):
                if not any(run in title for title in allowed):
                    findings.append(Finding(rel, "copied", run))
        text = " ".join(parser.all_text)
        for email in EMAIL.findall(text):
            if normal_email(email) not in public or digest(normal_email(email)) in fingerprints.contacts:
                findings.append(Finding(rel, "contact", email))
        for phone in PHONE.findall(text):
            if normal_phone(phone) not in public or digest(normal_phone(phone)) in fingerprints.contacts:
                findings.append(Finding(rel, "contact", phone))
    return len(pages), findings
