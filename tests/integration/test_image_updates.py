"""A newer image under a service's tag, against the test swarm's private registry (TLS, htpasswd): the
registry asked through the engine, its refusals in words, a service without a pinned digest read from
its containers, and pull and redeploy pinning the tag's new digest."""

from __future__ import annotations

import pytest

from crane_desktop.engine.docker_credentials import AuthConfig
from crane_desktop.engine.image_updates import (
    RegistryUnauthorized,
    RegistryUnreachable,
    TagNotInRegistry,
    check_services,
    pull_and_redeploy,
    registry_digest,
    split_image,
    targets,
)
from crane_desktop.engine.registries import registry_of
from crane_desktop.engine.snapshots import Node, Service, Task, parse_all
from tests.swarm import docker, push_private_image, registry, remove_image_everywhere, unique, wait_until


def login(image: str) -> str | None:
    """The test registry's login for its images (an AuthFor, as Credentials.header_for gives it)."""
    reg = registry()
    return (
        AuthConfig(reg.address, reg.user, reg.password).header()
        if registry_of(image) == reg.address
        else None
    )


def wrong_password(image: str) -> str:
    reg = registry()
    return AuthConfig(reg.address, reg.user, "wrong").header()


def test_a_registry_that_cannot_be_asked_says_why(cluster):
    reg = registry()
    client = cluster.client
    assert registry_digest(client, reg.image, login).startswith("sha256:")
    with pytest.raises(RegistryUnauthorized) as anonymous:
        registry_digest(client, reg.image)
    assert anonymous.value.params["registry"] == reg.address
    with pytest.raises(RegistryUnauthorized):
        registry_digest(client, reg.image, wrong_password)
    with pytest.raises(TagNotInRegistry) as missing:
        registry_digest(client, reg.repository("crane/private-busybox:no-such-tag"), login)
    assert "no-such-tag" in missing.value.message
    host = reg.address.rpartition(":")[0]
    with pytest.raises(RegistryUnreachable) as unreachable:
        registry_digest(client, f"{host}:1/crane/private-busybox:1", login)
    assert (
        unreachable.value.message
        == f"The swarm cannot reach the registry {host}:1 to check {host}:1/crane/private-busybox:1."
    )


def test_an_unpinned_service_is_read_from_its_containers_and_redeploy_pins_the_new_digest(
    cluster, service_names
):
    tag = unique("unpinned")
    reference = push_private_image(tag)
    reg = registry()
    name = unique("crane-newer")
    service_names.append(name)
    docker(1, "login", "--username", reg.user, "--password", reg.password, reg.address)
    docker(1, "service", "create", "--detach", "--no-resolve-image", "--with-registry-auth", "--name", name,
           "--constraint", "node.role==manager", reference, "sleep", "600")  # fmt: skip
    client = cluster.client

    def snapshot() -> list:
        services = parse_all(Service, client.services(filters={"name": name}))
        tasks = parse_all(Task, client.tasks(filters={"service": name}))
        return targets(services.values(), tasks.values(), parse_all(Node, client.nodes()))

    target = wait_until(lambda: [t for t in snapshot() if t.containers], 30, "the service's task running")[0]
    assert target.pinned == "" and target.reference == reference
    first = check_services(client, cluster.node_client, [target], login)
    check = first.checks[target.service_id]
    assert check.current and check.running == (check.latest,), check
    assert set(first.container_digests.values()) == {check.latest}

    push_private_image(tag, variant="v2")
    second = check_services(client, cluster.node_client, [target], login, first.container_digests)
    newer = second.checks[target.service_id]
    assert newer.newer and newer.running == check.running and newer.latest != check.latest

    done = pull_and_redeploy(client, target.service_id, login)
    assert done.changed and done.after == f"{reference}@{newer.latest}"
    assert split_image(client.inspect_service(name)["Spec"]["TaskTemplate"]["ContainerSpec"]["Image"]) == (
        reference,
        newer.latest,
    )
    again = pull_and_redeploy(client, target.service_id, login)
    assert not again.changed  # already on the registry's image: nothing sent
    docker(1, "service", "rm", name)
    service_names.remove(name)
    remove_image_everywhere(reference)
