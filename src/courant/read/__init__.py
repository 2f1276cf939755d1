"""Reading the sources: content/ and newsletter/ -> the content model (see docs of each module)."""
