"""Building docker-py clients for one endpoint with a profile's TLS material.

Two traps are handled here in one place:
- requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override the session's CA (docker-py's TLS CA),
  so verification against the profile's CA fails on machines that set them. We turn `trust_env` off:
  the profile's explicit CA must win.
- docker-py's connection pool is small; streams (events, logs, stats) get clients of their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import docker
import docker.constants
import docker.tls

from crane_desktop.engine import api
from crane_desktop.engine.errors import translate
from crane_desktop.engine.profiles import TLSConfig

MIN_API_VERSION = "1.24"
DEFAULT_TIMEOUT = 10.0
POOL_SIZE = docker.constants.DEFAULT_MAX_POOL_SIZE


def tls_config(tls: TLSConfig | None) -> docker.tls.TLSConfig | bool:
    if tls is None:
        return False
    client_cert = (tls.cert, tls.key) if tls.cert and tls.key else None
    verify: bool | str = tls.ca if (tls.verify and tls.ca) else tls.verify
    return docker.tls.TLSConfig(client_cert=client_cert, ca_cert=tls.ca or None, verify=verify)


def make_client(
    endpoint: str,
    tls: TLSConfig | None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    version: str | None = None,
    pool_size: int = POOL_SIZE,
) -> docker.APIClient:
    """A low-level client for `endpoint`. `version=None` negotiates the API version (one request);
    `pool_size`: the connections kept for requests in flight at once."""
    use_tls = tls_config(tls) if endpoint.startswith("tcp://") else False
    try:
        client = docker.APIClient(
            base_url=endpoint,
            tls=use_tls,
            timeout=timeout,
            version=version or MIN_API_VERSION,
            use_ssh_client=False,
            max_pool_size=pool_size,
        )
        # Before any request: see the module docstring.
        client.trust_env = False
        if version is None:
            negotiate(client)
    except Exception as exc:
        raise translate(exc, endpoint) from exc
    return client


def negotiate(client: docker.APIClient) -> dict[str, Any]:
    """Ask the engine for its version, settle the API version to speak; returns /version's answer."""
    server_version: dict[str, Any] = client.version(api_version=False)
    api.set_api_version(client, negotiated_version(server_version))
    return server_version


def negotiated_version(server_version: Mapping[str, Any]) -> str:
    """The highest API version both sides speak (docker-py's own maximum caps the server's)."""
    server = str(server_version.get("ApiVersion") or MIN_API_VERSION)
    ours = str(docker.constants.DEFAULT_DOCKER_API_VERSION)
    return min(server, ours, key=version_key)


def version_key(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return (0,)


def peer_certificate(client: docker.APIClient) -> bytes | None:
    """The server certificate (DER) of a TLS connection the client already holds in its pool, so the
    pre-flight can check its dates without a handshake of its own; None when there is none."""
    try:
        pools = client.get_adapter(client.base_url).poolmanager.pools
        for key in pools.keys():  # noqa: SIM118 (urllib3 refuses to iterate its pool container)
            pool = pools.get(key)
            for connection in list(getattr(getattr(pool, "pool", None), "queue", ())):
                sock = getattr(connection, "sock", None)
                if sock is not None and hasattr(sock, "getpeercert"):
                    der = sock.getpeercert(binary_form=True)
                    if der:
                        return bytes(der)
    except (AttributeError, ValueError, OSError):
        return None
    return None
