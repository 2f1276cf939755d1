.PHONY: build test serve check bench

build:  ## set up .venv and build the demo site into dist/
	bash scripts/setup.sh

test:   ## set up everything the tests need and run them
	bash scripts/test.sh

serve:
	.venv/bin/courant serve

check:
	.venv/bin/courant check
