"""EditionContent -> plain data and bytes, no I/O and no caches: the sites' pages (site/), the
newsletter (newsletter/), feeds, calendars, image variants and the Markdown builders."""
