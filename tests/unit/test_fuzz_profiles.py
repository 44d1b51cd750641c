"""R5: profile files and environment values, fuzzed. Nothing crashes; every refusal is a
ProfileInvalid whose message names what is wrong."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from crane_desktop.engine import profiles
from crane_desktop.engine.errors import ProfileInvalid

scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=40)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)
profile_like = st.fixed_dictionaries(
    {},
    optional={
        "name": scalars,
        "managers": st.lists(
            st.text(max_size=40) | st.sampled_from(["tcp://h:2376", "unix:///x.sock", "ssh://u@h"]),
            max_size=3,
        )
        | scalars,
        "tls": st.dictionaries(st.sampled_from(["ca", "cert", "key", "verify"]), scalars, max_size=4)
        | scalars,
        "nodes": st.dictionaries(st.text(max_size=8), st.text(max_size=30), max_size=3) | scalars,
        "allow_insecure_tcp": scalars,
    },
)


@given(profile_like | values)
def test_profile_json_is_accepted_or_refused_with_a_reason(data):
    try:
        profile = profiles.Profile.from_json(data)
    except ProfileInvalid as error:
        assert error.message
    else:
        profiles.validate(profile)
        assert profile.name and profile.managers


@settings(max_examples=50)
@given(st.binary(max_size=200))
def test_profile_file_bytes(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("p") / "profile.json"
    path.write_bytes(content)
    try:
        profiles.load_profile_file(path)
    except ProfileInvalid as error:
        assert error.message


@given(
    st.dictionaries(
        st.sampled_from(["DOCKER_HOST", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "DOCKER_TLS"]),
        st.text(max_size=40),
    )
)
def test_environment_values(env):
    profile = profiles.from_environment(env)
    if profile is None:
        assert not env.get("DOCKER_HOST", "").strip()
        return
    try:
        profiles.validate(profile)
    except ProfileInvalid as error:
        assert error.message


def test_a_valid_profile_file_round_trips(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"name": "x", "managers": ["unix:///var/run/docker.sock"]}))
    assert profiles.load_profile_file(path).managers == ("unix:///var/run/docker.sock",)
