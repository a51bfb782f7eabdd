"""`python -m zhiku` runs the command line."""

from .cli import main

main()
