"""Lunch walk in the park, with the stadhuis beyond the trees (park.jpg)."""

import math

from ..buildings import skyline
from ..canvas import Scene
from ..figures import person, random_look
from ..nature import cloud, glow, sky, soft_shadow, tree
from ..palette import AMBER, GREENS, WHITE, WOOD, alpha, hazy, shade
from ..townhall import town_hall

HORIZON = 440
HAZE = (200, 222, 226)


def draw_park(path):
    """Lunch walk in the park, with the stadhuis tower beyond the trees, 1200x800."""
    s = Scene(1200, 800, seed=5)
    _distance(s)
    _lawn_and_pond(s)
    _path(s)
    _bench(s, 320, 680)
    for x, y, h, extra in ((760, 540, 90, {}), (800, 548, 96, {}), (930, 720, 200, {"bag": AMBER})):
        look = random_look(s)
        person(s, x, y, h, **look, **extra)
    _dog(s, 1040, 724)
    _flowers(s)
    # A big tree in front frames the picture on the right.
    tree(s, 1130, 760, 700, GREENS, light=-1)
    return s.finish(path, vignette=0.3)


def _distance(s):
    """Sky, the town softened by haze, and a distant line of trees."""
    rng = s.rng
    horizon = HORIZON
    sky(s, horizon, [(0, (88, 150, 206)), (1, (206, 226, 232))])
    glow(s, 980, 90, 200, (255, 244, 210), 0.8)
    for cx, cy, size in ((240, 120, 160), (640, 70, 110), (1100, 220, 100)):
        cloud(s, cx, cy, size)
    with s.layer(opacity=0.65, box=(0, 0, s.w, horizon)):
        town_hall(s, 760, horizon - 10, 0.42)
    skyline(s, horizon - 8, (176, 196, 204), (60, 100))
    with s.layer(blur=2, box=(0, horizon - 120, s.w, horizon + 20)):
        for _ in range(70):
            x = rng.uniform(-40, s.w + 40)
            y = horizon - rng.uniform(10, 50)
            r = rng.uniform(26, 50)
            s.circle(x, y, r, alpha(s.vary((110, 146, 120), 8), 255))


def _lawn_and_pond(s):
    rng = s.rng
    horizon = HORIZON
    s.gradient((0, horizon, s.w, s.h), [(0, (150, 186, 104)), (1, (88, 140, 64))])
    # Large blurred patches of light and dark grass suggest gentle undulation.
    with s.layer(blur=40, opacity=0.5, box=(0, horizon, s.w, s.h)):
        for _ in range(8):
            x, y = rng.uniform(0, s.w), rng.uniform(horizon + 40, s.h)
            colour = (170, 200, 110) if rng.random() < 0.5 else (70, 120, 56)
            s.ellipse((x - 220, y - 50, x + 220, y + 50), alpha(colour, 255))
    pond = (60, 520, 560, 610)
    s.gradient(pond, [(0, (120, 170, 200)), (1, (70, 120, 140))], ellipse=True)
    s.ellipse(pond, outline=(74, 110, 70), width=3)
    for _ in range(18):
        y = rng.uniform(535, 600)
        x = rng.uniform(120, 480)
        s.line([(x, y), (x + rng.uniform(20, 60), y)], alpha(WHITE, 110), 1.5)
    for x in (120, 260, 980, 1110):
        ground = horizon + rng.uniform(30, 60)
        tree(s, x, ground, rng.uniform(200, 240), hazy(GREENS, HAZE, 0.3))


def _path(s):
    """A winding footpath, narrowing toward the horizon."""
    left, right = [], []
    for i in range(21):
        t = i / 20
        y = s.h + 10 - (s.h + 10 - HORIZON - 30) * t**0.8
        cx = 780 - 260 * t + 90 * math.sin(t * math.pi)
        half = 190 * (1 - t) ** 1.4 + 8
        left.append((cx - half, y))
        right.append((cx + half, y))
    path_poly = left + right[::-1]
    s.gradient(None, [(0, (226, 212, 176)), (1, (200, 180, 140))], polygon=path_poly)
    s.line(left, (150, 138, 104), 2)
    s.line(right, (150, 138, 104), 2)


def _bench(s, bx, by):
    soft_shadow(s, (bx - 10, by - 6, bx + 190, by + 14), 90, 5)
    for lx in (bx + 14, bx + 160):
        s.rect((lx, by - 40, lx + 8, by), (44, 48, 52))
    for i in range(3):
        slat = WOOD if i == 0 else shade(WOOD, 1.1 + i * 0.05)
        s.rect((bx, by - 46 - i * 13, bx + 180, by - 37 - i * 13), slat)
    s.rect((bx, by - 46, bx + 180, by - 40), shade(WOOD, 0.8))


def _dog(s, dx, dy):
    """A dog on a lead held by the walker in front."""
    fur = (122, 84, 52)
    s.ellipse((dx - 30, dy - 40, dx + 26, dy - 16), fur)
    s.circle(dx + 30, dy - 44, 13, fur)
    s.ellipse((dx + 24, dy - 54, dx + 34, dy - 36), (96, 64, 40))
    for lx in (dx - 24, dx - 12, dx + 12, dx + 20):
        s.rect((lx, dy - 22, lx + 6, dy), (112, 76, 46))
    s.line([(dx + 32, dy - 36), (958, 640)], (40, 40, 44), 1.5)


def _flowers(s):
    rng = s.rng
    for _ in range(160):
        x, y = rng.uniform(0, 300), rng.uniform(720, 800)
        s.line([(x, y), (x, y - 10)], (60, 110, 50), 1.5)
        r = rng.uniform(3, 5)
        s.circle(x, y - 11, r, rng.choice([AMBER, (230, 90, 70), WHITE, (246, 214, 80)]))
