"""A service's image as docker's Go client sends it: every ServiceCreate and ServiceUpdate of the
docker CLI (`docker stack deploy`, `docker service create/update`) replaces the spec's image by its
familiar, tagged form (`redis` -> `redis:latest`, `docker.io/library/redis:7` -> `redis:7`), with or
without a registry query. Found by deploying public compose files both ways: the specs differed."""

from __future__ import annotations

import re

# distribution/reference's grammar: a domain (optional), path components, a tag, a digest
_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_LABEL = r"[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?"
_DOMAIN = rf"(?:{_LABEL}(?:\.{_LABEL})*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?"
_REFERENCE = re.compile(
    rf"^(?:(?P<domain>{_DOMAIN})/)?(?P<path>{_COMPONENT}(?:/{_COMPONENT})*)"
    r"(?::(?P<tag>[\w][\w.-]{0,127}))?(?:@(?P<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$"
)
_DOCKER_HUB = {"docker.io", "index.docker.io"}


def tagged_image(image: str) -> str:
    """docker's imageWithTagString: the familiar form of the reference, `:latest` added when it has
    neither tag nor digest; a text that is not a reference (docker keeps it) comes back unchanged."""
    found = _REFERENCE.match(image)
    if found is None or re.fullmatch(r"[a-f0-9]{64}", image):  # no reference, or an image id
        return image
    domain, path = found["domain"], found["path"]
    if len(domain or "") + len(path) > 255:
        return image
    if domain is not None and not _is_domain(domain):
        path, domain = f"{domain}/{path}", None  # `user/app`: the first part is a path, not a host
        if _REFERENCE.match(path) is None or path != path.lower():
            return image
    if domain in _DOCKER_HUB:
        domain = None
    if domain is None and path.startswith("library/") and path.count("/") == 1:
        path = path.removeprefix("library/")
    name = path if domain is None else f"{domain}/{path}"
    tag, digest = found["tag"], found["digest"]
    if tag is None and digest is None:
        tag = "latest"
    return name + (f":{tag}" if tag else "") + (f"@{digest}" if digest else "")


def _is_domain(first: str) -> bool:
    """docker's splitDockerDomain: the first part is a registry when it has a `.` or a `:`, is
    `localhost`, or has an upper-case letter."""
    return "." in first or ":" in first or first == "localhost" or first != first.lower()
