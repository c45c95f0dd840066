"""The site icon as a Windows ICO, drawn here pixel by pixel (the same mark as static/favicon.svg).

Browsers that do not read `<link rel="icon">` (and feed readers, bookmarks) ask for /favicon.ico;
answering with our own small icon beats a 404 in every log. Pure Python: no image library needed.
"""

from __future__ import annotations

import struct
from functools import lru_cache

SIZE = 32
RADIUS = 6
BACKGROUND = (0x8C, 0x1D, 0x18)   # the accent red of the SVG
INK = (0xFF, 0xFF, 0xFF)
GLYPHS = {   # 5x7 letters, drawn twice as large
    "K": ("1...1", "1..1.", "1.1..", "11...", "1.1..", "1..1.", "1...1"),
    "B": ("1111.", "1...1", "1...1", "1111.", "1...1", "1...1", "1111."),
}


def _inside_rounded_square(x: int, y: int) -> bool:
    cx = min(max(x, RADIUS), SIZE - 1 - RADIUS)
    cy = min(max(y, RADIUS), SIZE - 1 - RADIUS)
    return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2


def pixels() -> list[list[tuple[int, int, int, int] | None]]:
    """Rows top to bottom of (r, g, b, a), None where transparent."""
    grid: list[list[tuple[int, int, int, int] | None]] = [
        [(*BACKGROUND, 255) if _inside_rounded_square(x, y) else None for x in range(SIZE)] for y in range(SIZE)]
    left, top, scale = 5, 9, 2
    for n, letter in enumerate("KB"):
        for row, line in enumerate(GLYPHS[letter]):
            for col, cell in enumerate(line):
                if cell == "1":
                    for dy in range(scale):
                        for dx in range(scale):
                            grid[top + row * scale + dy][left + n * 12 + col * scale + dx] = (*INK, 255)
    return grid


@lru_cache(maxsize=1)
def favicon_ico() -> bytes:
    """One 32x32, 32-bit image in an ICO container (a BMP without its file header, height doubled)."""
    rows = pixels()
    colour = b"".join(bytes((b, g, r, a)) if px else b"\0\0\0\0"
                      for row in reversed(rows) for px in row for (r, g, b, a) in [px or (0, 0, 0, 0)])
    mask = b"".join(int("".join("0" if px else "1" for px in row), 2).to_bytes(SIZE // 8, "big")
                    for row in reversed(rows))
    header = struct.pack("<IiiHHIIiiII", 40, SIZE, SIZE * 2, 1, 32, 0, len(colour) + len(mask), 0, 0, 0, 0)
    image = header + colour + mask
    return (struct.pack("<HHH", 0, 1, 1)
            + struct.pack("<BBBBHHII", SIZE, SIZE, 0, 0, 1, 32, len(image), 6 + 16) + image)
