"""Delivering the newsletter: subscribers (SQLite), the ledger of who was sent what, SMTP, one
message per recipient, and the record of an issue that went out.

Addresses are personal data: they live in the database only (extra.courant.mail.database,
outside the sources), and what courant prints or logs about a send holds counts, never an
address.
"""
