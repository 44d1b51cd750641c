"""The images an operator pinned per cluster (profile): a cleanup never removes them. A small JSON
file beside the profiles ({profile name: [image reference, ...]})."""

from __future__ import annotations

import json
from collections.abc import Iterable

from crane_desktop.engine.profiles import config_dir

FILE_NAME = "pinned-images.json"


def _all() -> dict[str, list[str]]:
    try:
        data = json.loads((config_dir() / FILE_NAME).read_text())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(name): [str(pin) for pin in pins if isinstance(pin, str)]
        for name, pins in data.items()
        if isinstance(pins, list)
    }


def load_pins(profile: str) -> list[str]:
    return _all().get(profile, [])


def save_pins(profile: str, pins: Iterable[str]) -> None:
    data = _all()
    data[profile] = list(dict.fromkeys(pin.strip() for pin in pins if pin.strip()))
    path = config_dir() / FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2))
    tmp.replace(path)
