"""``python -m pathways_catalogue``."""

from pathways_catalogue.cli import _main

if __name__ == "__main__":
    _main()
