"""User settings (language, last profile), a small JSON file beside the profiles."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

from crane_desktop.engine.profiles import config_dir


@dataclass
class Settings:
    language: str = "system"  # "system", "en" or "zh_CN"
    theme: str = "system"  # "system", "light" or "dark"
    notifications: str = "on"  # "on" or "off"
    last_profile: str = ""

    @classmethod
    def load(cls) -> Settings:
        try:
            data = json.loads((config_dir() / "settings.json").read_text())
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known and isinstance(v, str)})

    def save(self) -> None:
        path = config_dir() / "settings.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self), indent=2))
