"""The web front: the college page with the chat widget, the adviser console and the API.

``web.app.create_app(WebConfig.from_env())`` builds the aiohttp application;
``python -m web serve`` runs it on 127.0.0.1:8000 unless told otherwise.
"""
