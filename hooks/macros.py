"""The macros module of mkdocs-macros-plugin: registers the package's render functions, nothing else."""
from kumppanuus.mkdocs_glue import register_macros


def define_env(env):
    register_macros(env)
