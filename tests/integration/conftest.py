"""Fixtures for tests against the real 4-node TLS test swarm."""

from __future__ import annotations

import pytest

from crane_desktop.engine.cluster import Cluster
from tests.swarm import docker


@pytest.fixture
def cluster(profile):
    cluster = Cluster(profile)
    cluster.connect()
    yield cluster
    cluster.close()


@pytest.fixture
def service_names():
    """Names of services a test creates; removed afterwards whatever happened."""
    names: list[str] = []
    yield names
    for name in names:
        docker(1, "service", "rm", name, check=False)
