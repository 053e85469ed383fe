"""How the assistant's servers are started, waited for, stopped and talked to.

One implementation for every launcher: :class:`evaluation.servers.Servers` (the
conversation evaluation, the end-to-end and browser tests, the benchmarks) and
:class:`deploy.scale.Topology` (``make scale-up``, the scale tests) build on it.

- :mod:`launch.commands`: the three servers' command lines (``python -m actions.server``,
  ``tools/rasa_server.sh``, ``python -m web serve``) and the Rasa server's settings.
  ``make run`` starts the same lines with honcho (``Procfile``; a test keeps them equal).
- :mod:`launch.process`: a free loopback port, a server process with its log, waiting
  for its health URL, stopping it.
- :mod:`launch.rest`: one learner message over the REST channel.
"""
