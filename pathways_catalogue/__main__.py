"""``python -m pathways_catalogue``."""

from pathways_catalogue.cli import run

if __name__ == "__main__":
    run()
