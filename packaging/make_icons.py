"""Render crane_desktop/resources/icons/crane-desktop.svg into the icon files each installer wants: PNG sizes
(Linux hicolor theme, macOS), an .ico (Windows, PyInstaller and Inno Setup) and an .icns (macOS .app).

Uses only Qt (QSvgRenderer and Qt's own ICO/ICNS image writers), so no extra package is needed. The
outputs are committed; run this again after changing the SVG:

    .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "crane_desktop" / "resources" / "icons"
SVG = ICONS / "crane-desktop.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def write_ico(images: list[QImage], path: Path) -> None:
    """An .ico holding PNG-compressed entries (valid since Windows Vista), one per size."""
    header = bytearray((0, 0, 1, 0)) + len(images).to_bytes(2, "little")
    blobs = [png_bytes(image) for image in images]
    offset = 6 + 16 * len(images)
    for image, blob in zip(images, blobs, strict=True):
        side = image.width() if image.width() < 256 else 0  # 0 means 256
        header += bytes((side, side, 0, 0)) + (1).to_bytes(2, "little") + (32).to_bytes(2, "little")
        header += len(blob).to_bytes(4, "little") + offset.to_bytes(4, "little")
        offset += len(blob)
    path.write_bytes(bytes(header) + b"".join(blobs))


def write_icns(renderer: QSvgRenderer, path: Path) -> None:
    """An .icns with PNG entries: ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x)."""
    chunks = b""
    for kind, size in ((b"ic07", 128), (b"ic08", 256), (b"ic09", 512), (b"ic10", 1024)):
        blob = png_bytes(render(renderer, size))
        chunks += kind + (8 + len(blob)).to_bytes(4, "big") + blob
    path.write_bytes(b"icns" + (8 + len(chunks)).to_bytes(4, "big") + chunks)


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"make_icons: cannot read {SVG}", file=sys.stderr)
        return 1
    for size in PNG_SIZES:
        render(renderer, size).save(str(ICONS / f"crane-desktop-{size}.png"))
    write_ico([render(renderer, size) for size in ICO_SIZES], ICONS / "crane-desktop.ico")
    write_icns(renderer, ICONS / "crane-desktop.icns")
    print(f"make_icons: wrote {len(PNG_SIZES)} PNGs, crane-desktop.ico and crane-desktop.icns in {ICONS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
