"""python -m courant"""

from courant.cli import main

main()
