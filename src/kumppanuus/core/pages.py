"""The pages and folders the code refers to by name: paths under docs/<language>/, the same in every
language. One place, so that a page that moves is renamed here (and in data/redirects.yaml) only."""
from __future__ import annotations

CASE_DIR = "tapaukset"
STEPS_PAGE = "rakentaminen.md"
ANTIPATTERNS_PAGE = "epaonnistuminen.md"
SOURCES_PAGE = "lahteet.md"
GLOSSARY_PAGE = "sanasto.md"
BEFORE_YOU_START_PAGE = "aloittaminen.md"
#: the easy-language page, linked from every page's header
EASY_PAGE = "selkokieli.md"
#: the whole handbook on one page
WHOLE_GUIDE_PAGE = "opas.md"
CHANGES_PAGE = "muutokset.md"
#: printable worksheets and templates
TEMPLATES_DIR = "tyopohjat/"
