"""Fixtures for tests against the real 4-node TLS test swarm."""

from __future__ import annotations

import pytest

from crane_desktop.engine.cluster import Cluster


@pytest.fixture
def cluster(profile):
    cluster = Cluster(profile)
    cluster.connect()
    yield cluster
    cluster.close()


@pytest.fixture(scope="module")
def cluster_module(profile):
    """One connection for a module whose tests share what a module-scoped fixture deployed."""
    cluster = Cluster(profile)
    cluster.connect()
    yield cluster
    cluster.close()
