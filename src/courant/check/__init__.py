"""Checks over the validated content that give editors warnings (and a few errors) with file
and line; pure: they render nothing."""
