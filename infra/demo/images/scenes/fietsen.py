"""Rows of parked bicycles in front of the station (fietsen.jpg)."""

import math

from ..buildings import clock, skyline, window
from ..canvas import Scene
from ..figures import bicycle, person, random_look
from ..nature import cloud, sky
from ..palette import AMBER, CREAM, INK, SLATE, STONE, TEAL, WHITE, WOOD, alpha

GROUND = 470
HAZE = (206, 220, 228)
FRAMES = [INK, TEAL, (120, 40, 36), CREAM, (60, 90, 60), (30, 30, 34), AMBER, (70, 110, 160)]
IRON = (70, 84, 92)


def draw_fietsen(path):
    """Rows of parked bicycles in front of the station, 1200x800."""
    s = Scene(1200, 800, seed=42)
    sky(s, GROUND, [(0, (96, 156, 204)), (1, (214, 230, 238))])
    cloud(s, 260, 100, 150)
    cloud(s, 940, 70, 130)
    skyline(s, GROUND - 40, (184, 198, 208), (140, 200))
    _station(s)
    _paving(s)
    _bikes_and_travellers(s)
    return s.finish(path, vignette=0.3)


def _station(s):
    """Brick side buildings, an arched glass hall and a clock tower."""
    ground = GROUND
    s.gradient((120, ground - 190, 1080, ground), [(0, (170, 90, 66)), (1, (128, 66, 50))])
    hall_l, hall_r = 380, 820
    s.gradient(
        (hall_l, ground - 330, hall_r, ground - 150),
        [(0, (200, 222, 232)), (1, (150, 178, 192))],
        ellipse=True,
    )
    s.gradient((hall_l, ground - 240, hall_r, ground), [(0, (150, 178, 192)), (1, (110, 136, 150))])
    # Mullions run up to the arch, so their height follows the ellipse.
    for i in range(1, 10):
        x = hall_l + i * (hall_r - hall_l) / 10
        dy = math.sqrt(max(0, 1 - ((x - 600) / 220) ** 2)) * 90
        s.line([(x, ground - 240 - dy), (x, ground)], IRON, 3)
    for ry in (0.35, 0.7):
        inset = 220 * (1 - ry) * 0.05
        rib = (hall_l + inset, ground - 330 + 90 * (1 - ry) * 0.2, hall_r - inset, ground - 150)
        s.arc(rib, 180, 360, IRON, 3)
    s.arc((hall_l, ground - 330, hall_r, ground - 150), 180, 360, IRON, 6)
    s.rect((hall_l - 10, ground - 244, hall_r + 10, ground - 234), IRON)
    for x0 in (140, 830):
        for row in range(2):
            for col in range(4):
                window(s, x0 + 20 + col * 55, ground - 170 + row * 70, 30, 48, STONE, arch=True)
    s.rect((1000, ground - 300, 1070, ground), (150, 80, 60))
    s.poly([(990, ground - 300), (1035, ground - 360), (1080, ground - 300)], SLATE)
    clock(s, 1035, ground - 250, 24)
    s.rect((470, ground - 120, 730, ground - 82), TEAL, radius=4)
    s.text((600, ground - 101), "STATION VOORBEELD", 20, WHITE)
    # Haze over the lower part pushes the station back behind the bikes.
    s.gradient((0, ground - 400, s.w, ground), [(0, alpha(HAZE, 0)), (1, alpha(HAZE, 130))])


def _paving(s):
    """Paving slabs in perspective: joints converge on the centre."""
    ground = GROUND
    s.gradient((0, ground, s.w, s.h), [(0, (176, 172, 164)), (1, (132, 126, 118))])
    for i in range(16):
        y = ground + (i / 16) ** 1.8 * (s.h - ground)
        s.line([(0, y), (s.w, y)], alpha((90, 86, 80), 70), 1)
    for i in range(-14, 15):
        s.line([(600 + i * 30, ground), (600 + i * 190, s.h)], alpha((90, 86, 80), 55), 1)


def _bikes_and_travellers(s):
    """Three rows of bikes, back to front, with two travellers in between."""
    rng = s.rng
    ground = GROUND
    s.rect((60, ground - 30, 1140, ground - 20), TEAL)
    for x in range(90, 1140, 180):
        s.rect((x, ground - 22, x + 5, ground + 40), (70, 76, 80))
    for x in range(70, 1120, 20):
        frame = rng.choice(FRAMES)
        basket = rng.choice([None, None, AMBER])
        bicycle(s, x, ground + 42, 70, frame, 1, basket, haze=(HAZE, 0.35))
    person(s, 300, ground + 96, 180, **random_look(s), bag=AMBER)
    person(s, 870, ground + 92, 176, **random_look(s), back=True)
    for x in range(-20, 1200, 44):
        bx = x + rng.uniform(-4, 4)
        frame = rng.choice(FRAMES)
        basket = rng.choice([None, None, AMBER, WOOD])
        bicycle(s, bx, ground + 140, 120, frame, -1, basket, haze=(HAZE, 0.12))
    s.rect((0, ground + 104, s.w, ground + 109), (150, 156, 160))
    # The near row at staple racks ("fietsnietjes"), cut off by the frame so
    # the viewer feels they are standing among the bikes.
    for i, x in enumerate(range(-60, 1260, 150)):
        rack_x = x + 150 * 0.55
        staple = [
            (rack_x - 40, s.h + 10),
            (rack_x - 40, s.h - 120),
            (rack_x + 40, s.h - 120),
            (rack_x + 40, s.h + 10),
        ]
        s.line(staple, (150, 156, 162), 7)
        bx = x + rng.uniform(-8, 8)
        frame = rng.choice(FRAMES)
        facing = 1 if i % 2 else -1
        bicycle(s, bx, s.h + 22, 250, frame, facing, rng.choice([None, AMBER]))
