"""The MkDocs hook of this site (mkdocs.yml lists it): the build's events, all handled by the adapter package."""

from lce_platform.mkdocs_adapter.events import (  # noqa: F401  (MkDocs calls the functions of this module by name)
    on_config,
    on_env,
    on_files,
    on_nav,
    on_page_content,
    on_page_context,
    on_page_markdown,
    on_post_build,
    on_post_page,
    on_post_template,
)
