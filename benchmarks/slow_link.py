"""A slow link between this machine and a test swarm's nodes: `tc netem` on both ends of each node's
link (the host side of its veth and the node's own eth0 in its namespace), for traffic between the
host's bridge address and the node only, so the nodes still talk to each other at full speed.
Half the round-trip time each way; the rate limits each direction.

Run as root: CRANE_SWARM_INSTANCE=K .venv/bin/python -m benchmarks.slow_link on [--rtt-ms 50] [--mbit 20]
             CRANE_SWARM_INSTANCE=K .venv/bin/python -m benchmarks.slow_link off
Then run the other benchmarks (p1_connect, r3_stall) with the same instance.
"""

from __future__ import annotations

import argparse
import os
import subprocess

NODES = (1, 2, 3, 4)


def instance() -> int:
    return int(os.environ.get("CRANE_SWARM_INSTANCE", "0"))


def bridge_ip() -> str:
    return f"198.19.{213 + instance()}.1"


def suffix() -> str:
    return str(instance()) if instance() else ""


def ends(node: int) -> list[tuple[list[str], str, str]]:
    """(command prefix, device, u32 match) for both ends of node `node`'s link."""
    host_side = ([], f"crane{suffix()}-v{node}", f"src {bridge_ip()}/32")
    node_side = (["ip", "netns", "exec", f"crane{suffix()}-node-{node}"], "eth0", f"dst {bridge_ip()}/32")
    return [host_side, node_side]


def tc(prefix: list[str], *args: str, check: bool = True) -> None:
    subprocess.run([*prefix, "tc", *args], check=check, capture_output=not check)


def on(rtt_ms: float, mbit: float) -> None:
    off()
    for node in NODES:
        for prefix, device, match in ends(node):
            tc(prefix, "qdisc", "add", "dev", device, "root", "handle", "1:", "prio")
            tc(
                prefix,
                *("qdisc", "add", "dev", device, "parent", "1:3", "handle", "30:", "netem"),
                *("delay", f"{rtt_ms / 2}ms", "rate", f"{mbit}mbit", "limit", "100000"),
            )
            tc(
                prefix,
                *("filter", "add", "dev", device, "parent", "1:0", "protocol", "ip", "prio", "1", "u32"),
                *("match", "ip", *match.split(), "flowid", "1:3"),
            )


def off() -> None:
    for node in NODES:
        for prefix, device, _match in ends(node):
            tc(prefix, "qdisc", "del", "dev", device, "root", check=False)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("state", choices=("on", "off"))
    parser.add_argument("--rtt-ms", type=float, default=50.0)
    parser.add_argument("--mbit", type=float, default=20.0)
    args = parser.parse_args()
    if args.state == "on":
        on(args.rtt_ms, args.mbit)
    else:
        off()


if __name__ == "__main__":
    main()
