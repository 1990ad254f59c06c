"""The partnership-table handbook: load, validate and render its structured content.

The mkdocs hooks and the macros module only wire these functions into the build.
"""

LANGUAGES = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "fi"

__all__ = ["LANGUAGES", "DEFAULT_LANGUAGE"]
