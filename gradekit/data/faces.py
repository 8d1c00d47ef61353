"""Synthetic 32x32 emoji-like faces made from a seed: the DCGAN's embedded data (no download).

A stand-in for the EmojiOne 32x32 PNGs of the DCGAN assignment (RGBA emojis
flattened on white): a coloured disc with a darker rim on a white background,
two eyes and a mouth, sometimes pink cheeks. Each face draws its attributes
independently, and they are returned with the images, so a network trained
to name them (``gradekit.metrics.face_net``) gives features for a domain FID.

Shapes are drawn from signed distances with one pixel of anti-aliasing
(coverage = clip(0.5 - distance, 0, 1)), composited front to back like paint,
all faces of a batch at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SIDE = 32  # the DCGAN assignment's emoji size
WHITE = np.ones(3, np.float32)
INK = np.array([0.15, 0.1, 0.08], np.float32)  # eyes and mouths: near black, a little warm
MOUTH_INSIDE = np.array([0.55, 0.12, 0.12], np.float32)
CHEEK = np.array([1.0, 0.45, 0.5], np.float32)

# The attributes and their values; index k of a list is attribute value k.
SKIN_COLOURS = {
    "yellow": (1.0, 0.8, 0.2),
    "orange": (1.0, 0.55, 0.15),
    "pink": (0.95, 0.6, 0.7),
    "green": (0.45, 0.8, 0.35),
    "blue": (0.4, 0.6, 0.95),
}
EYE_STYLES = ("dots", "ovals", "closed", "wide")
MOUTH_STYLES = ("smile", "frown", "open", "flat")
ATTRIBUTES = {"skin": len(SKIN_COLOURS), "eyes": len(EYE_STYLES), "mouth": len(MOUTH_STYLES), "cheeks": 2}


@dataclass(frozen=True)
class Faces:
    """Images (N, 32, 32, 3) in [0, 1] on white, and each face's attribute indices (N,) by name."""

    images: np.ndarray
    attributes: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.images)


def make_faces(count: int, seed: int = 0) -> Faces:
    """``count`` faces; the same seed gives the same faces, byte for byte."""
    rng = np.random.default_rng(seed)
    attributes = {name: rng.integers(0, size, count) for name, size in ATTRIBUTES.items()}
    uniform = lambda low, high: rng.uniform(low, high, (count, 1, 1)).astype(np.float32)  # noqa: E731
    # the face's geometry jitters a little, so the generator must learn a distribution, not one template
    cx, cy = uniform(14.5, 17.5), uniform(14.5, 17.5)
    radius = uniform(11.5, 13.5)
    skin = np.array(list(SKIN_COLOURS.values()), np.float32)[attributes["skin"]]  # (N, 3)
    skin = np.clip(skin + rng.uniform(-0.06, 0.06, skin.shape), 0, 1).astype(np.float32)

    y, x = np.mgrid[0:SIDE, 0:SIDE].astype(np.float32) + 0.5  # pixel centres, (32, 32) each
    canvas = np.broadcast_to(WHITE, (count, SIDE, SIDE, 3)).copy()  # (N, 32, 32, 3)
    every = np.ones(count, bool)

    def paint(where: np.ndarray, colour: np.ndarray, shape, *params) -> None:
        """Paint ``shape(x, y, *params)`` in ``colour`` over the faces selected by ``where``."""
        chosen = slice(None) if where.all() else np.flatnonzero(where)
        picked = [p[chosen] if isinstance(p, np.ndarray) else p for p in params]
        alpha = np.clip(0.5 - shape(x, y, *picked), 0.0, 1.0)[..., None]  # (n, 32, 32, 1) pixel coverage
        colour = colour[chosen, None, None, :] if colour.ndim == 2 else colour  # (n, 1, 1, 3) or (3,)
        below = canvas[chosen]
        below += alpha * (colour - below)  # alpha compositing: (1 - alpha) * below + alpha * colour
        canvas[chosen] = below

    paint(every, 0.75 * skin, _ellipse, cx, cy, radius, radius)  # the rim: the whole disc in a darker shade...
    paint(every, skin, _ellipse, cx, cy, radius - 1.2, radius - 1.2)  # ...then the face 1.2 px inside it

    cheeks = attributes["cheeks"] == 1
    for side in (-1, 1):
        paint(cheeks, CHEEK, _ellipse, cx + side * 7.0, cy + 2.5, 2.2, 1.4)

    eye_dx, eye_y = uniform(4.3, 5.5), cy - uniform(3.0, 4.2)
    eyes = attributes["eyes"]
    for side in (-1, 1):
        ex = cx + side * eye_dx
        paint(eyes == 0, INK, _ellipse, ex, eye_y, 1.7, 1.7)
        paint(eyes == 1, INK, _ellipse, ex, eye_y, 1.2, 2.6)
        paint(eyes == 2, INK, _box, ex, eye_y, 2.2, 0.55)
        paint(eyes == 3, WHITE, _ellipse, ex, eye_y, 2.6, 2.6)
        paint(eyes == 3, INK, _ellipse, ex, eye_y, 1.2, 1.2)

    mouth_y, mouth_w = cy + uniform(4.0, 5.5), uniform(4.0, 5.5)
    mouth = attributes["mouth"]
    # smile: the lower half of a ring; frown: the upper half of a ring set lower
    paint(mouth == 0, INK, _half_ring, cx, mouth_y - 2.0, mouth_w, 0.7, True)
    paint(mouth == 1, INK, _half_ring, cx, mouth_y + 2.0, mouth_w, 0.7, False)
    paint(mouth == 2, INK, _ellipse, cx, mouth_y + 0.5, 0.6 * mouth_w, 2.4)
    paint(mouth == 2, MOUTH_INSIDE, _ellipse, cx, mouth_y + 0.5, 0.6 * mouth_w - 1.0, 1.4)
    paint(mouth == 3, INK, _box, cx, mouth_y, mouth_w, 0.6)
    return Faces(canvas.astype(np.float32), attributes)


def _ellipse(x, y, cx, cy, rx, ry) -> np.ndarray:
    """Approximate signed distance to an axis-aligned ellipse (exact for a circle)."""
    return (np.hypot((x - cx) / rx, (y - cy) / ry) - 1.0) * np.minimum(rx, ry)


def _box(x, y, cx, cy, half_width, half_height) -> np.ndarray:
    """Signed distance to an axis-aligned rectangle of the given half sizes."""
    dx, dy = np.abs(x - cx) - half_width, np.abs(y - cy) - half_height
    outside = np.hypot(np.maximum(dx, 0), np.maximum(dy, 0))
    return outside + np.minimum(np.maximum(dx, dy), 0)


def _half_ring(x, y, cx, cy, radius, half_thickness, lower: bool) -> np.ndarray:
    """Signed distance to the lower (or upper) half of a ring: the ring cut by the line y = cy."""
    ring = np.abs(np.hypot(x - cx, y - cy) - radius) - half_thickness
    beyond_cut = (cy - y) if lower else (y - cy)  # > 0 on the half that is cut away
    return np.maximum(ring, beyond_cut)
