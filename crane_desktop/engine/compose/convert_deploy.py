"""A service's `deploy` section: mode and replicas, resources, restart, update and rollback
policies, placement, as docker's convert turns them into the task template and service spec."""

from __future__ import annotations

import re
from typing import Any

from crane_desktop.engine.compose.context import Context
from crane_desktop.engine.compose.marks import Path_
from crane_desktop.engine.compose.schema import (
    LIMITS_KEYS,
    PLACEMENT_KEYS,
    RESERVATIONS_KEYS,
    RESOURCES_KEYS,
    RESTART_KEYS,
    UPDATE_KEYS,
)
from crane_desktop.engine.compose.units import MIN_MEMORY_BYTES, MIN_NANO_CPUS
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP

CONSTRAINT_KEY = re.compile(r"(?i)[a-z_][a-z0-9\-_.]+")
CONSTRAINT_VALUE = re.compile(r"(?i)[a-z0-9:\-_\s.*()?+\[\]\\^$|/]+")


class DeployConverter(Context):
    def placement(self, deploy: dict[str, Any], dpath: Path_) -> dict[str, Any]:
        placement = self.mapping(deploy.get("placement"), (*dpath, "placement"), PLACEMENT_KEYS)
        ppath = (*dpath, "placement")
        result: dict[str, Any] = {}
        if placement.get("constraints") is not None:
            result["Constraints"] = self.string_list(placement["constraints"], (*ppath, "constraints"))
            for index, text in enumerate(result["Constraints"]):
                self.constraint(text, (*ppath, "constraints", index))
        if placement.get("preferences") is not None:
            prefs = placement["preferences"]
            if not isinstance(prefs, list):
                self.fail((*ppath, "preferences"), QT_TRANSLATE_NOOP("engine", "must be a list"))
            result["Preferences"] = [
                self.preference(p, (*ppath, "preferences", i)) for i, p in enumerate(prefs)
            ]
        if placement.get("max_replicas_per_node") is not None:
            result["MaxReplicas"] = self.integer(
                placement["max_replicas_per_node"], (*ppath, "max_replicas_per_node")
            )
        return result

    def constraint(self, text: str, path: Path_) -> None:
        """A placement constraint as the engine parses it (swarmkit's constraint.Parse), which
        refuses the service after docker stack deploy created the app's networks: `key==value` or
        `key!=value`, the key a name of two characters or more."""
        for operator in ("==", "!="):
            if operator not in text:
                continue
            key, _, value = (part.strip() for part in text.partition(operator))
            if not CONSTRAINT_KEY.fullmatch(key):
                self.fail(
                    path,
                    QT_TRANSLATE_NOOP("engine", "the key “{name}” is not valid (the engine refuses it)"),
                    name=key,
                )
            if not CONSTRAINT_VALUE.fullmatch(value):
                self.fail(
                    path,
                    QT_TRANSLATE_NOOP("engine", "the value “{value}” is not valid (the engine refuses it)"),
                    value=value,
                )
            return
        self.fail(path, QT_TRANSLATE_NOOP("engine", "needs an operator, == or != (the engine refuses it)"))

    def preference(self, value: Any, path: Path_) -> dict[str, Any]:
        spread = self.string(self.mapping(value, path, {"spread"}).get("spread"), (*path, "spread"))
        return {"Spread": {"SpreadDescriptor": spread}}

    def resources(self, value: Any, path: Path_) -> dict[str, Any]:
        res = self.mapping(value, path, RESOURCES_KEYS)
        result: dict[str, Any] = {}
        if res.get("limits") is not None:
            limits = self.mapping(res["limits"], (*path, "limits"), LIMITS_KEYS)
            result["Limits"] = {
                "NanoCPUs": self.cpus(limits["cpus"], (*path, "limits", "cpus"))
                if limits.get("cpus") is not None
                else 0,
                "MemoryBytes": self.size(limits["memory"], (*path, "limits", "memory"))
                if limits.get("memory") is not None
                else 0,
            }
            if limits.get("pids") is not None:
                result["Limits"]["Pids"] = self.integer(limits["pids"], (*path, "limits", "pids"))
        if res.get("reservations") is not None:
            reservations = self.mapping(res["reservations"], (*path, "reservations"), RESERVATIONS_KEYS)
            rpath = (*path, "reservations")
            result["Reservations"] = {
                "NanoCPUs": self.cpus(reservations["cpus"], (*rpath, "cpus"))
                if reservations.get("cpus") is not None
                else 0,
                "MemoryBytes": self.size(reservations["memory"], (*rpath, "memory"))
                if reservations.get("memory") is not None
                else 0,
            }
            generic = self.generic_resources(
                reservations.get("generic_resources"), (*rpath, "generic_resources")
            )
            if generic:
                result["Reservations"]["GenericResources"] = generic
        self.engine_minimums(result, path)
        return result

    def engine_minimums(self, resources: dict[str, Any], path: Path_) -> None:
        """The engine refuses a service with under 0.001 CPU or 4 MiB of memory (swarmkit's
        validateResources), after docker stack deploy has created the app's networks, secrets and
        configs: refused here, before anything is created."""
        for api, key in (("Limits", "limits"), ("Reservations", "reservations")):
            given = resources.get(api, {})
            if 0 < given.get("NanoCPUs", 0) < MIN_NANO_CPUS:
                self.fail(
                    (*path, key, "cpus"),
                    QT_TRANSLATE_NOOP("engine", "must be at least {minimum}"),
                    minimum="0.001",
                )
            if 0 < given.get("MemoryBytes", 0) < MIN_MEMORY_BYTES:
                self.fail(
                    (*path, key, "memory"),
                    QT_TRANSLATE_NOOP("engine", "must be at least {minimum}"),
                    minimum="4M",
                )

    def generic_resources(self, value: Any, path: Path_) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = []
        for i, item in enumerate(self.listing(value, path)):
            ipath = (*path, i, "discrete_resource_spec")
            entry = self.mapping(item, (*path, i), {"discrete_resource_spec"})
            if entry.get("discrete_resource_spec") is None:
                result.append({})
                continue
            spec = self.mapping(entry["discrete_resource_spec"], ipath, {"kind", "value"})
            result.append(
                {
                    "DiscreteResourceSpec": {
                        "Kind": self.string(spec.get("kind", ""), (*ipath, "kind")),
                        "Value": self.integer(spec.get("value", 0), (*ipath, "value"), None),
                    }
                }
            )
        return result

    def restart_policy(
        self, svc: dict[str, Any], deploy: dict[str, Any], path: Path_
    ) -> dict[str, Any] | None:
        dpath = (*path, "deploy", "restart_policy")
        if deploy.get("restart_policy") is None:
            restart = str(svc.get("restart") or "")
            name, _, count = restart.partition(":")
            if name in ("", "no"):
                return None
            if name in ("always", "unless-stopped"):
                return {"Condition": "any"}
            if name == "on-failure" and (not count or re.fullmatch(r"[0-9]+", count)):
                attempts = self.integer(count or 0, (*path, "restart"))
                return {"Condition": "on-failure", "MaxAttempts": attempts}
            self.fail(
                (*path, "restart"),
                QT_TRANSLATE_NOOP("engine", "unknown restart policy “{name}”"),
                name=restart,
            )
        policy = self.mapping(deploy["restart_policy"], dpath, RESTART_KEYS)
        result: dict[str, Any] = {
            "Condition": self.string(policy.get("condition") or "", (*dpath, "condition"))
        }
        if result["Condition"] not in ("", "none", "on-failure", "any"):
            self.fail((*dpath, "condition"), QT_TRANSLATE_NOOP("engine", "must be none, on-failure or any"))
        if policy.get("delay") is not None:
            result["Delay"] = self.duration(policy["delay"], (*dpath, "delay"))
        if policy.get("max_attempts") is not None:
            result["MaxAttempts"] = self.integer(policy["max_attempts"], (*dpath, "max_attempts"))
        if policy.get("window") is not None:
            result["Window"] = self.duration(policy["window"], (*dpath, "window"))
        return result

    def update_config(self, value: Any, path: Path_) -> dict[str, Any] | None:
        if value is None:
            return None
        config = self.mapping(value, path, UPDATE_KEYS)
        result: dict[str, Any] = {
            "Parallelism": self.integer(config["parallelism"], (*path, "parallelism"))
            if config.get("parallelism") is not None
            else 1,
            "Delay": self.duration(config.get("delay", 0), (*path, "delay")),
            "FailureAction": self.string(config.get("failure_action", ""), (*path, "failure_action")),
            "Monitor": self.duration(config.get("monitor", 0), (*path, "monitor")),
            "MaxFailureRatio": self.number(config.get("max_failure_ratio", 0), (*path, "max_failure_ratio")),
            "Order": self.string(config.get("order", ""), (*path, "order")),
        }
        if result["FailureAction"] not in ("", "pause", "continue", "rollback"):
            self.fail(
                (*path, "failure_action"), QT_TRANSLATE_NOOP("engine", "must be pause, continue or rollback")
            )
        if result["Order"] not in ("", "stop-first", "start-first"):
            self.fail((*path, "order"), QT_TRANSLATE_NOOP("engine", "must be stop-first or start-first"))
        return result

    def mode(self, deploy: dict[str, Any], path: Path_) -> dict[str, Any]:
        """docker's convertDeployMode: a replicated job runs `replicas` tasks to completion, that many
        at a time (compose cannot say another max concurrent); a global job one on every node."""
        mode = self.string(deploy.get("mode") or "replicated", (*path, "mode"))
        replicas = deploy.get("replicas")
        if mode in ("global", "global-job"):
            if replicas is not None:
                self.fail(
                    (*path, "replicas"), QT_TRANSLATE_NOOP("engine", "a global service has no replicas")
                )
            return {"Global": {}} if mode == "global" else {"GlobalJob": {}}
        if mode not in ("replicated", "replicated-job"):
            self.fail(
                (*path, "mode"),
                QT_TRANSLATE_NOOP("engine", "must be replicated, global, replicated-job or global-job"),
            )
        key, field = ("Replicated", "Replicas") if mode == "replicated" else ("ReplicatedJob", "")
        if replicas is None:
            return {key: {}}
        count = self.integer(replicas, (*path, "replicas"))
        if field:
            return {key: {field: count}}
        return {key: {"MaxConcurrent": count, "TotalCompletions": count}}
