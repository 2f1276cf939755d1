"""The editors' commands around the build: courant status (status.py, status_view.py), new
(scaffold.py), next (schedule.py), preview (mailpreview.py) and serve (serve.py)."""
