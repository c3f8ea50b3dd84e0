"""Data model, unit arithmetic and page rendering for the therapy billing code reference.

`define_env` is the entry point of mkdocs-macros-plugin (module_name: macros).
"""


def define_env(env) -> None:
    from .site_macros import define_env as define

    define(env)
