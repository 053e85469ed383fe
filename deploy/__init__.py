"""Deployment: the scale profile on this machine (``make scale-up``) and its manifests.

:mod:`deploy.scale` starts and stops the whole topology (PostgreSQL, Redis, two Rasa
replicas, two action servers, the web front if present, nginx) on loopback, from
Debian packages; :class:`deploy.scale.Topology` is the same as a context manager for
tests and benchmarks. ``deploy/docker-compose.yml`` and ``deploy/k8s/`` describe the
same topology elsewhere (lint-checked by ``tests/scale/test_manifests.py``).
"""
