"""The Pathways Rasa assistant: domain (``bot/domain/``) and custom NLU components."""
