"""Finished HTML through MkDocs as it is, instead of through Python-Markdown.

Most generated pages (records, listings, facet and wall pages) are raw HTML blocks: every value
escaped by the renderer and every record body rendered and sanitised once by `check`. Given to
Python-Markdown, such a page is read twice more by Python's HTML parser (once by MkDocs, looking
for anchors; once by Markdown, looking for block boundaries) only to come out unchanged: two
thirds of MkDocs' time at 1,000 records. Pages whose front matter says `kb_html: true` skip that:
the Markdown step gets an empty page and the HTML is put back as the page's content afterwards.

Other engines building the export ignore the key and parse the HTML the slow way, to the same
result; tests/test_passthrough.py builds the site both ways and compares every page.

The plugin that `make site` adds does one more thing on the way out: it puts the
Content-Security-Policy in each page as MkDocs writes it (engines/csp.py), instead of a second
pass that reads and rewrites every page of the finished site.
"""

from __future__ import annotations

from mkdocs.plugins import BasePlugin

from generator.engines.csp import with_policy

HTML_KEY = "kb_html"


class FinishedPages:
    """The page events both our MkDocs plugins handle alike: marked pages' HTML held between the
    markdown and content events, and the security policy on every page and static template.
    Mixed into HtmlPassThroughPlugin (`make site`) and KennisbankPlugin (`serve`)."""

    def __init__(self) -> None:
        super().__init__()
        self._held: dict[str, str] = {}

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if page.meta.get(HTML_KEY) is True:
            self._held[page.file.src_uri] = markdown
            return ""
        return markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        return self._held.pop(page.file.src_uri, html)

    def on_post_page(self, output: str, page, config) -> str:
        return with_policy(output)

    def on_post_template(self, output_content: str, template_name: str, config) -> str:
        """Static templates (404.html) get the policy too."""
        return with_policy(output_content) if template_name.endswith(".html") else output_content


class HtmlPassThroughPlugin(FinishedPages, BasePlugin):
    """`plugins: [kennisbank-html]`: what `make site` adds to the project it hands to MkDocs."""
