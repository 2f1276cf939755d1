"""`courant audit`: the built sites and mails checked in a real browser and by validators.

Kept free of imports: `courant build` reads the statement module (courant.audit.statement)
without loading Playwright, Java or the other checks.
"""
