"""The build: load -> check -> select -> render -> engine -> output (pipeline.py), with what it
needs around that path: the staging folder and its swap (output.py), stopping on a signal,
the machine's faults in Dutch, publishing images (media.py), the mails (mails.py), the second
process (workers.py, warmup.py), timings, and the one cache layer (cache.py)."""
