"""What counts as a personal contact detail: e-mail addresses and Finnish phone numbers.

One definition for the whole handbook: the web form's converter refuses them in a submission
(core.issueform), and the source check looks for them on every built page (site.sourcecheck).
"""
from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+(?:@|\(at\)|\[at\])[\w-]+(?:\.[\w-]+)+", re.I)
PHONE = re.compile(r"(?<![\d.,/-])(?:\+358|0)\d{1,3}[ -]?\d{2,4}[ -]?\d{2,4}(?:[ -]?\d{1,4})?(?![\d.,/-]?\d)")


def normal_email(address: str) -> str:
    return address.lower().replace("(at)", "@").replace("[at]", "@")


def normal_phone(number: str) -> str:
    return re.sub(r"\D", "", number)
