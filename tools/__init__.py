"""Developer tools: set-up, generators and evaluation scripts."""
