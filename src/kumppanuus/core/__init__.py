"""The core layer: the handbook's data and how it reads. Knows nothing of mkdocs.

Loading and validating YAML against closed schemas (load, content, errors), the content model, and
rendering of tables, lists, cards, case pages and maps to Markdown/HTML strings per language (text,
render, cases, geo, htmlpass), translation parity (parity) and new case files (newcase).
"""
