"""Everything that knows MkDocs or Material: the adapter (adapter.py: a Site into a folder,
the preview server), MkDocs' own checks of mkdocs.yml (configcheck.py), the page cache
(pagecache.py), the menu rendered once per folder (navcache.py), the search index written in
parts (searchindex.py) and the preview's build kept in memory (session.py). Nothing outside
this package imports MkDocs or Material (pyproject.toml's contracts): deleting it leaves a
courant without a site engine, nothing else broken."""
