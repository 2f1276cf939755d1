"""The newsletter of one issue per edition: composed once (compose.py), shown as the web
version (web.py) and as mail (email.py with plaintext.py; eml.py the message, manifest.py for
a mailing tool)."""
