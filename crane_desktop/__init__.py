"""Crane Desktop: a desktop console for Docker Swarm clusters."""

__version__ = "0.1.0"
