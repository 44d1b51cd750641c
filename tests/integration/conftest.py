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
