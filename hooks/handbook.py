"""mkdocs hooks: thin wiring only. The logic lives in the kumppanuus package (src/kumppanuus).

Each language is a full nested build (mkdocs-static-i18n), so these run once per language;
the package caches the loaded data by file versions.
"""
from mkdocs.plugins import event_priority

from kumppanuus import mkdocs_glue


def on_config(config):
    mkdocs_glue.on_config(config)
    return config


def on_files(files, config):
    mkdocs_glue.on_files(config)
    return files


def on_build_error(error):
    mkdocs_glue.on_build_error()


def on_page_markdown(markdown, page, config, files):
    return mkdocs_glue.on_page_markdown(markdown, page, config, files)


def on_page_content(html, page, config, files):
    return mkdocs_glue.on_page_content(html, page, config)


def on_env(env, config, files):
    mkdocs_glue.on_env(env, config)
    return env


def on_post_page(output, page, config):
    return mkdocs_glue.on_post_page(output, config)


def on_serve(server, config, builder):
    mkdocs_glue.on_serve(server, config, builder)
    return server


def on_page_context(context, page, config, nav):
    mkdocs_glue.on_page_context(context, page, config)
    return context


def on_template_context(context, template_name, config):
    mkdocs_glue.on_template_context(context, template_name, config)
    return context


def on_post_template(output_content, template_name, config):
    return mkdocs_glue.on_post_template(output_content, template_name, config)


@event_priority(-100)  # after static-i18n's post_build, which builds Swedish and English
def on_post_build(config):
    mkdocs_glue.on_post_build(config)
