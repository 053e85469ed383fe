"""Developer tools: set-up, run and evaluation scripts."""
