"""Command-line entry: the GUI with docker-CLI style connection flags, and headless screenshots."""

from __future__ import annotations

import argparse
import sys

from crane_desktop import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crane-desktop", description="A desktop console for Docker Swarm clusters."
    )
    parser.add_argument("--version", action="version", version=f"crane-desktop {__version__}")
    connection = parser.add_argument_group("connection (as the docker CLI)")
    connection.add_argument("-H", "--host", default="", help="engine endpoint, e.g. tcp://manager:2376")
    connection.add_argument("--tls", action="store_true", help="use TLS without verifying the engine")
    connection.add_argument("--tlsverify", action="store_true", help="use TLS and verify the engine")
    connection.add_argument("--tlscacert", default="", help="trust certificates signed by this CA")
    connection.add_argument("--tlscert", default="", help="client certificate")
    connection.add_argument("--tlskey", default="", help="client key")
    connection.add_argument("-c", "--context", default="", help="docker context to use")
    connection.add_argument("--profile", default="", help="saved profile to open, by name")
    connection.add_argument("--profile-file", default="", help="profile JSON file to open")
    parser.add_argument(
        "--screenshot", metavar="PNG", default="", help="render a page offscreen, save it, exit"
    )
    parser.add_argument("--page", default="nodes", choices=["nodes"], help="page for --screenshot")
    parser.add_argument("--size", default="1280x800", help="window size for --screenshot")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds --screenshot waits for data")
    parser.add_argument("--lang", default="", choices=["", "system", "en", "zh_CN"], help="UI language")
    parser.add_argument("--debug", action="store_true", help="verbose logging")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    from crane_desktop.app import run

    return run(args)
