"""The Qt-free engine layer: profiles, clients, snapshots, the watcher and failover.

Nothing in this package may import PySide6, shiboken6, pyqtgraph or qasync (a test enforces it).
"""
