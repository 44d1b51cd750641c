"""Keyed diffs: applying diff(old, new) to old gives new; coalesced diffs equal applying both."""

from hypothesis import given
from hypothesis import strategies as st

from crane_desktop.engine.diff import Diff, apply, diff

states = st.dictionaries(st.sampled_from("abcdefghij"), st.integers(0, 3), max_size=10)


@given(states, states)
def test_diff_turns_old_into_new(old, new):
    state = dict(old)
    apply(state, diff(old, new))
    assert state == new


@given(states, states)
def test_diff_is_minimal(old, new):
    change = diff(old, new)
    assert set(change.added) == new.keys() - old.keys()
    assert change.removed == old.keys() - new.keys()
    assert all(old[k] != v for k, v in change.changed.items())
    assert set(change.changed) == {k for k in old.keys() & new.keys() if old[k] != new[k]}


@given(states, states, states)
def test_coalesced_diffs_equal_applying_both(first, second, third):
    one = diff(first, second)
    two = diff(second, third)
    step_by_step = dict(first)
    apply(step_by_step, one)
    apply(step_by_step, two)
    coalesced = dict(first)
    apply(coalesced, one.then(two))
    assert coalesced == step_by_step == third
    # the coalesced diff never adds what existed before nor removes what did not
    merged = one.then(two)
    assert not set(merged.added) & first.keys()
    assert merged.removed <= first.keys()


def test_empty_diff_is_false():
    assert not Diff()
    assert diff({"a": 1}, {"a": 1}) == Diff()
    assert diff({}, {"a": 1})
