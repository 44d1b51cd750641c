"""The image references a newer-image check reads (the tag a service follows, the digest it pins, the
registry credentials are kept under) and the engine's refusals as the operator reads them (the texts
as the test swarm's engine gave them for its private registry)."""

from __future__ import annotations

import pytest

from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.image_updates import (
    ImageCheck,
    RegistryCheckFailed,
    RegistryUnauthorized,
    RegistryUnreachable,
    TagNotInRegistry,
    Target,
    check_services,
    familiar,
    registry_of,
    registry_problem,
    short_digest,
    split_image,
)
from crane_desktop.engine.registries import KeyringLocked

A = "sha256:" + "a" * 64
B = "sha256:" + "b" * 64


@pytest.mark.parametrize(
    ("image", "expected"),
    [
        (f"198.19.214.1:5443/crane/app:1@{A}", ("198.19.214.1:5443/crane/app:1", A)),
        ("198.19.214.1:5443/crane/app", ("198.19.214.1:5443/crane/app:latest", "")),
        (f"busybox:1.36@{A}", ("busybox:1.36", A)),
        ("busybox", ("busybox:latest", "")),
        (f"busybox@{A}", ("", A)),  # given by its digest only: no tag to follow
        (f"localhost:5000/app@{A}", ("", A)),
    ],
)
def test_the_tag_a_service_follows_and_the_digest_it_pins(image, expected):
    assert split_image(image) == expected


def test_credentials_are_looked_up_by_the_registry_of_the_reference():
    assert registry_of("busybox:1") == "docker.io"
    assert registry_of("library/busybox:1") == "docker.io"
    assert registry_of("198.19.214.1:5443/crane/app:1") == "198.19.214.1:5443"
    assert registry_of("registry.example.com/team/app:2") == "registry.example.com"


def test_repo_digests_compare_in_dockers_short_form():
    assert familiar("docker.io/library/busybox") == "busybox"
    assert familiar("docker.io/team/app") == "team/app"
    assert familiar("198.19.214.1:5443/crane/app") == "198.19.214.1:5443/crane/app"
    assert short_digest(A) == "a" * 12


def test_newer_means_the_registry_holds_another_image_than_a_task_runs():
    assert ImageCheck("s", "app:1", (A,), latest=B).newer
    assert ImageCheck("s", "app:1", (A, B), latest=B).newer  # one node still runs the old one
    assert ImageCheck("s", "app:1", (B,), latest=B).current
    unknown = ImageCheck("s", "app:1", (), latest=B)  # no running task to compare
    assert not unknown.newer and not unknown.current
    asked_nothing = ImageCheck(
        "s", "app:1", (A,), problem=RegistryUnauthorized(registry="r", reference="app:1")
    )
    assert not asked_nothing.newer and not asked_nothing.current


@pytest.mark.parametrize(
    ("status", "raw", "kind"),
    [
        (401, "unauthorized: authentication required", RegistryUnauthorized),
        (500, 'Head "https://r:5443/v2/app/manifests/1": no basic auth credentials', RegistryUnauthorized),
        (404, "manifest unknown: manifest unknown", TagNotInRegistry),
        (500, 'Get "https://r:1/v2/": dial tcp 10.0.0.1:1: connect: connection refused', RegistryUnreachable),
        (500, 'Get "https://r:5443/v2/": x509: certificate signed by unknown authority', RegistryUnreachable),
        (500, "something else entirely", RegistryCheckFailed),
    ],
)  # fmt: skip
def test_the_engines_refusal_says_what_it_means(status, raw, kind):
    problem = registry_problem(EngineError(raw=raw, status=status), "r:5443", "r:5443/app:1")
    assert type(problem) is kind
    assert problem.raw == raw and "r:5443" in problem.message


def test_a_login_that_cannot_be_read_is_the_answer_and_nothing_is_asked():
    def locked(image: str) -> str:
        raise KeyringLocked(registry=registry_of(image))

    target = Target("s1", "web", f"r:5443/app:1@{A}")
    answer = check_services(None, lambda node: None, [target], locked).checks["s1"]  # no engine is touched
    assert isinstance(answer.problem, KeyringLocked) and answer.problem.params["registry"] == "r:5443"
    assert not answer.newer and not answer.current
