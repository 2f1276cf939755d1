"""Site engines: they turn the core's pages (render.site.pages.Site) into HTML. MkDocs with
Material today, in engine/mkdocs/ (the only package that imports them)."""


class EngineError(Exception):
    """The site engine failed on courant's own pages or on the site configuration."""


class AddressInUse(Exception):
    """The preview's address is taken (another `courant serve`, or another program)."""
