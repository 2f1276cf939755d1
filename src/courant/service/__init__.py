"""`courant service`: the subscription service partners use themselves, a WSGI application
served by waitress on 127.0.0.1 behind the site's nginx.

Signing up (double opt-in), confirming and leaving, with the subscribers database, the signed
tokens and the relay of deliver/. No GET changes anything: a link in a mail only shows a page,
and the page's button (a POST) acts; the RFC 8058 one-click POST of a mail client is the only
other request that changes something. The standard library does the HTTP (web.py), jinja2 the
pages, and nothing here writes an e-mail address to the log.
"""
