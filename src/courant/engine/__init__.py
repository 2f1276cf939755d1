"""Site engines: they turn the core's pages into HTML (MkDocs today, in engine/mkdocs.py)."""


class EngineError(Exception):
    """The site engine failed on courant's own pages or on the site configuration."""


class AddressInUse(Exception):
    """The preview's address is taken (another `courant serve`, or another program)."""
