"""courant: a Sociaal Domein's internal news, from Markdown to intranet, newsletter and feeds."""
