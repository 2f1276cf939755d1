"""`courant audit`: the built sites and mails checked in a real browser and by validators.

The build never imports this package: it reads the audit's record (read.statement) and makes
the page "Toegankelijkheid" from it (render.site.statement).
"""
