"""Custom Rasa 3.6 graph components, named in ``config.yml`` by their module path.

``catalogue_extractor.CatalogueEntityExtractor`` recognises courses, institutions,
towns, subjects and interests against the catalogue and resolves them to its ids.
"""
