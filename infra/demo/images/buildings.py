"""Dutch street architecture: windows, gables, canal houses, lamps."""

import math
from itertools import pairwise

from .nature import glow
from .palette import BRICKS, CREAM, DOORS, INK, SLATE, STONE, WHITE, alpha, shade

GABLES = ["step", "neck", "bell", "cornice", "spout"]


def smoothstep(t):
    return t * t * (3 - 2 * t)


def window(s, x, y, w, h, frame=CREAM, lit=False, arch=False, glass=None):
    """A sash window with glazing bars; lit windows glow warm."""
    fw = max(1.2, w * 0.11)
    if lit:
        top, bottom = (255, 222, 150), (238, 168, 82)
        s.glows.append((x + fw, y + fw, x + w - fw, y + h - fw))
    else:
        top, bottom = glass or ((58, 76, 88), (104, 132, 146))
    if arch:
        s.ellipse((x, y - w / 2, x + w, y + w / 2), frame)
        s.ellipse((x + fw, y - w / 2 + fw, x + w - fw, y + w / 2 - fw), top)
    s.rect((x, y, x + w, y + h), frame)
    s.gradient((x + fw, y + fw, x + w - fw, y + h - fw), [(0, top), (1, bottom)])
    s.line([(x + w / 2, y + fw), (x + w / 2, y + h - fw)], frame, fw * 0.55)
    s.line([(x + fw, y + h * 0.48), (x + w - fw, y + h * 0.48)], frame, fw * 0.7)


def gable_outline(x, top, w, gh, kind):
    """Points of a Dutch gable shape from (x, top) to (x + w, top).

    Only the left half is computed; gables are symmetric, so the right half
    is its mirror image.
    """
    cx = x + w / 2
    left = [(x, top)]
    if kind == "step":
        steps = 3
        dx = (w / 2 - w * 0.13) / steps
        rise = gh / steps
        for i in range(steps):
            left += [(x + i * dx, top - (i + 1) * rise), (x + (i + 1) * dx, top - (i + 1) * rise)]
    elif kind == "neck":
        neck = w * 0.24
        shoulder = gh * 0.42
        for i in range(1, 8):
            t = i / 7
            left.append((x + (cx - neck - x) * t, top - shoulder * math.sin(t * math.pi / 2)))
        left += [
            (cx - neck, top - gh * 0.86),
            (cx - neck * 1.15, top - gh * 0.86),
            (cx, top - gh * 1.05),
        ]
    elif kind == "bell":
        cap = w * 0.2
        for i in range(1, 9):
            t = i / 8
            left.append((x + (w / 2 - cap) * smoothstep(t), top - gh * 0.8 * t))
        for i in range(1, 6):
            a = math.pi - i / 10 * math.pi
            left.append((cx + math.cos(a) * cap, top - gh * 0.8 - math.sin(a) * cap * 0.9))
    else:  # simple spout gable
        left += [(x, top - gh * 0.15), (cx - w * 0.1, top - gh), (cx, top - gh)]
    right = [(2 * cx - px, py) for px, py in reversed(left)]
    return left + right


def canal_house(s, x, ground, w, h, wall, kind, storey, lit_chance=0.0):
    """A narrow Dutch canal house with a gable, windows and a front door."""
    rng = s.rng
    top = ground - h
    cx = x + w / 2
    gh = w * rng.uniform(0.5, 0.65)
    if kind == "cornice":
        # A flat cornice hides the roof, except for a bit peeking out behind it.
        s.poly([(x + 4, top - 6), (cx, top - gh * 0.5), (x + w - 4, top - 6)], shade(SLATE, 1.15))
        outline = [(x, top), (x + w, top)]
    else:
        outline = gable_outline(x, top, w, gh, kind)
    s.gradient(
        None,
        [(0, shade(wall, 1.1)), (0.6, wall), (1, shade(wall, 0.82))],
        polygon=outline + [(x + w, ground), (x, ground)],
    )
    # Stone trim on dark brick, a darker tone of the wall on light plaster.
    trim = STONE if sum(wall) < 500 else shade(wall, 0.8)
    if kind == "cornice":
        s.rect((x - 2, top - 8, x + w + 2, top + 2), trim)
        s.rect((x, top + 2, x + w, top + 5), shade(trim, 0.8))
    elif kind == "step":
        for (x0, y0), (x1, y1) in pairwise(outline):
            if abs(y1 - y0) < 0.01:
                s.rect((min(x0, x1) - 1, y0 - 2.5, max(x0, x1) + 1, y0 + 0.5), trim)
    else:
        s.line(outline, trim, max(1.5, w * 0.025))
    if kind != "cornice":
        # The hoisting beam: goods went up the outside, the stairs are too steep.
        s.rect((cx - 1.5, top - gh * 0.72, cx + 1.5, top - gh * 0.62), (40, 34, 30))
        window(s, cx - w * 0.1, top - gh * 0.52, w * 0.2, gh * 0.32, lit=rng.random() < lit_chance)
    floors = max(2, int(h / storey))
    fh = h / floors
    cols = 2 if w < storey * 1.35 else 3
    cw = w / cols
    door_col = rng.randrange(cols)
    for f in range(floors):
        y = top + f * fh
        ground_floor = f == floors - 1
        for c in range(cols):
            wx = x + c * cw + cw * 0.22
            ww = cw * 0.56
            if ground_floor and c == door_col:
                dw, dh = cw * 0.5, fh * 0.78
                dx = x + c * cw + (cw - dw) / 2
                s.rect((dx - 2, ground - dh - 2, dx + dw + 2, ground), trim)
                s.rect((dx, ground - dh * 0.78, dx + dw, ground), rng.choice(DOORS))
                window(s, dx, ground - dh, dw, dh * 0.2, trim, lit=rng.random() < lit_chance)
            elif ground_floor:
                shop = (wx - cw * 0.04, y + fh * 0.16, ww + cw * 0.08, fh * 0.7)
                window(s, *shop, trim, lit=rng.random() < lit_chance)
            else:
                window(s, wx, y + fh * 0.2, ww, fh * 0.62, trim, lit=rng.random() < lit_chance)
    # A dark seam at the left edge separates neighbouring houses.
    s.rect((x, top, x + max(1, w * 0.012), ground), alpha(shade(wall, 0.5), 180))


def street_row(s, x_from, x_to, ground, h_range, storey, lit_chance=0.0, w_range=(64, 104)):
    """A row of canal houses filling x_from..x_to."""
    rng = s.rng
    x = x_from
    while x < x_to:
        w = rng.uniform(*w_range)
        h = rng.uniform(*h_range)
        canal_house(s, x, ground, w, h, rng.choice(BRICKS), rng.choice(GABLES), storey, lit_chance)
        x += w


def skyline(s, ground, colour, h_range, spire_x=None):
    """Hazy silhouettes of rooftops further away, for depth."""
    rng = s.rng
    x = -20
    while x < s.w + 20:
        w = rng.uniform(50, 120)
        h = rng.uniform(*h_range)
        outline = gable_outline(x, ground - h, w, w * 0.5, rng.choice(["step", "spout", "bell"]))
        s.poly(outline + [(x + w, ground), (x, ground)], colour)
        x += w
    if spire_x is not None:
        # A distant church spire gives the skyline a landmark.
        sx = spire_x
        tower_top = ground - h_range[1] - 70
        s.rect((sx - 14, tower_top, sx + 14, ground), colour)
        s.poly(
            [(sx - 16, tower_top), (sx, ground - h_range[1] - 150), (sx + 16, tower_top)], colour
        )


def clock(s, cx, cy, r):
    s.circle(cx, cy, r, STONE)
    s.circle(cx, cy, r * 0.86, WHITE)
    for i in range(12):
        a = i / 12 * math.tau
        tick = [
            (cx + math.cos(a) * r * 0.62, cy + math.sin(a) * r * 0.62),
            (cx + math.cos(a) * r * 0.76, cy + math.sin(a) * r * 0.76),
        ]
        s.line(tick, INK, r * 0.07)
    # Ten past ten, as on every advertising photo of a clock.
    s.line([(cx, cy), (cx - r * 0.38, cy - r * 0.22)], INK, r * 0.1)
    s.line([(cx, cy), (cx + r * 0.5, cy - r * 0.35)], INK, r * 0.07)


def street_lamp(s, x, ground, h, lit=False):
    post = (34, 40, 44)
    s.rect((x - h * 0.02, ground - h, x + h * 0.02, ground), post)
    s.rect((x - h * 0.05, ground - h * 0.06, x + h * 0.05, ground), post)
    cap = [
        (x - h * 0.07, ground - h * 0.98),
        (x, ground - h * 1.1),
        (x + h * 0.07, ground - h * 0.98),
    ]
    s.poly(cap, post)
    lamp = (255, 214, 140) if lit else (220, 226, 222)
    s.rect((x - h * 0.05, ground - h * 0.98, x + h * 0.05, ground - h * 0.86), lamp)
    if lit:
        glow(s, x, ground - h * 0.92, h * 0.35, (255, 190, 100), 0.7)
