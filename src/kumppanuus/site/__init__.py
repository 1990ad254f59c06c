"""The site layer: works on a built site folder or a list of pages, never on mkdocs' objects.

The search index (search), the registry of published addresses, redirects and sitemap (urls), the
whole-guide page (guide), "last updated" dates (dates), stylesheets (css), PDF printing (pdf) and
the source check (sourcecheck). Imports the core layer, never the plugin.
"""
