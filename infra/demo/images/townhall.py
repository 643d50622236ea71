"""The stadhuis of Gemeente Voorbeeld, the landmark of two of the photos.

All sizes are multiplied by k so the same building can stand in the
distance or fill the frame. The parts are drawn back to front, so the
order of the calls in town_hall() matters.
"""

import math

from .buildings import clock, window
from .palette import AMBER, COPPER, INK, SLATE, STONE, TEAL, WHITE, shade

BRICK = (160, 74, 56)
DOOR = (74, 46, 34)


def _frame(cx, ground, k):
    """Width, height, left, right, eave and ridge of the main block."""
    W, H = 520 * k, 230 * k
    left, right = cx - W / 2, cx + W / 2
    eave = ground - H
    ridge = eave - 80 * k
    return W, H, left, right, eave, ridge


def town_hall(s, cx, ground, k=1.0, lit_chance=0.0):
    """Brick, stone bands, a central bay and a clock tower.

    At k=1 the building is 520 px wide and about 540 px tall.
    """
    _, _, left, _, eave, ridge = _frame(cx, ground, k)
    _tower(s, cx, ridge + 20 * k, k)
    _roof(s, cx, ground, k, lit_chance)
    y_band2 = _body(s, cx, ground, k, lit_chance)
    _central_bay(s, cx, ground, y_band2, k, lit_chance)
    _flag(s, left + 60 * k, eave, k)


def _tower(s, cx, base, k):
    """The clock tower rising behind the roof, with lantern and weather vane."""
    sw = 64 * k
    shaft_top = base - 95 * k
    shaft = (cx - sw / 2, shaft_top, cx + sw / 2, base)
    s.gradient(shaft, [(0, shade(BRICK, 1.1)), (1, shade(BRICK, 0.8))])
    # Alternating long and short corner stones (quoins), as on old Dutch town halls.
    for i in range(8):
        y = shaft_top + i * 12 * k
        for side in (-1, 1):
            qx = cx + side * sw / 2
            inner = qx - side * (9 if i % 2 else 6) * k
            s.rect((min(qx, inner), y, max(qx, inner), y + 10 * k), STONE)
    clock(s, cx, shaft_top + 40 * k, 21 * k)
    s.rect((cx - sw / 2 - 5 * k, shaft_top - 7 * k, cx + sw / 2 + 5 * k, shaft_top), STONE)
    lw = 46 * k
    lan_top = shaft_top - 7 * k - 52 * k
    s.gradient((cx - lw / 2, lan_top, cx + lw / 2, shaft_top - 7 * k), [(0, WHITE), (1, STONE)])
    for ox in (-13, 0, 13):
        ax = cx + ox * k
        s.rect((ax - 4.5 * k, lan_top + 16 * k, ax + 4.5 * k, lan_top + 44 * k), (44, 52, 58))
        s.circle(ax, lan_top + 16 * k, 4.5 * k, (44, 52, 58))
    s.rect((cx - lw / 2 - 3 * k, lan_top - 4 * k, cx + lw / 2 + 3 * k, lan_top + 2 * k), STONE)
    dome = (cx - lw / 2 - 2 * k, lan_top - 30 * k, cx + lw / 2 + 2 * k, lan_top + 28 * k)
    s.chord(dome, 180, 360, COPPER)
    dome_light = (cx - lw / 2 + 6 * k, lan_top - 26 * k, cx - 2 * k, lan_top + 20 * k)
    s.chord(dome_light, 180, 270, shade(COPPER, 1.25))
    s.rect((cx - 6 * k, lan_top - 46 * k, cx + 6 * k, lan_top - 26 * k), STONE)
    spire = [(cx - 8 * k, lan_top - 46 * k), (cx, lan_top - 84 * k), (cx + 8 * k, lan_top - 46 * k)]
    s.poly(spire, COPPER)
    s.line([(cx, lan_top - 84 * k), (cx, lan_top - 100 * k)], INK, 1.4 * k)
    s.circle(cx, lan_top - 86 * k, 3.2 * k, AMBER)
    vane = [(cx, lan_top - 100 * k), (cx + 11 * k, lan_top - 97 * k), (cx, lan_top - 94 * k)]
    s.poly(vane, AMBER)


def _roof(s, cx, ground, k, lit_chance):
    rng = s.rng
    _, _, left, right, eave, ridge = _frame(cx, ground, k)
    roof = [
        (left - 6 * k, eave),
        (left + 54 * k, ridge),
        (right - 54 * k, ridge),
        (right + 6 * k, eave),
    ]
    s.gradient(None, [(0, shade(SLATE, 1.12)), (1, shade(SLATE, 0.9))], polygon=roof)
    for ox in (-190, -120, 120, 190):
        dx = cx + ox * k
        s.rect((dx - 13 * k, eave - 44 * k, dx + 13 * k, eave - 8 * k), STONE)
        dormer_roof = [
            (dx - 17 * k, eave - 42 * k),
            (dx, eave - 60 * k),
            (dx + 17 * k, eave - 42 * k),
        ]
        s.poly(dormer_roof, SLATE)
        window(s, dx - 8 * k, eave - 38 * k, 16 * k, 26 * k, STONE, lit=rng.random() < lit_chance)


def _body(s, cx, ground, k, lit_chance):
    """The main block with its wings; returns the height of the upper stone band."""
    rng = s.rng
    W, H, left, right, eave, _ = _frame(cx, ground, k)
    s.gradient((left, eave, right, ground), [(0, shade(BRICK, 1.06)), (1, shade(BRICK, 0.84))])
    plinth = 24 * k
    y_band1 = ground - H * 0.45
    y_band2 = ground - H * 0.78
    s.rect((left - 3 * k, ground - plinth, right + 3 * k, ground), shade(STONE, 0.88))
    for yb in (y_band1, y_band2):
        s.rect((left, yb - 3 * k, right, yb + 4 * k), STONE)
    s.rect((left - 9 * k, eave - 7 * k, right + 9 * k, eave + 6 * k), STONE)
    for i in range(int(W / (10 * k))):
        dx = left + i * 10 * k + 2 * k
        s.rect((dx, eave + 6 * k, dx + 5 * k, eave + 11 * k), shade(STONE, 0.86))
    for wing_left, wing_right in ((left, cx - 82 * k), (cx + 82 * k, right)):
        span = wing_right - wing_left
        for i in range(3):
            wx = wing_left + span * (i + 0.5) / 3
            lit = rng.random() < lit_chance
            window(s, wx - 15 * k, y_band1 + 30 * k, 30 * k, 46 * k, STONE, lit=lit, arch=True)
            lit = rng.random() < lit_chance
            window(s, wx - 15 * k, y_band2 + 28 * k, 30 * k, 40 * k, STONE, lit=lit, arch=True)
            lit = rng.random() < lit_chance
            window(s, wx - 13 * k, eave + 20 * k, 26 * k, 24 * k, STONE, lit=lit)
    return y_band2


def _central_bay(s, cx, ground, y_band2, k, lit_chance):
    """The bay with pediment, coat of arms, entrance and balcony."""
    rng = s.rng
    eave = _frame(cx, ground, k)[4]
    bay_l, bay_r = cx - 80 * k, cx + 80 * k
    bay_top = eave - 14 * k
    bay = (bay_l, bay_top, bay_r, ground)
    s.gradient(bay, [(0, shade(BRICK, 1.14)), (1, shade(BRICK, 0.9))])
    for i in range(int((ground - bay_top) / (12 * k))):
        y = bay_top + i * 12 * k
        qw = (12 if i % 2 else 8) * k
        s.rect((bay_l, y, bay_l + qw, y + 10 * k), STONE)
        s.rect((bay_r - qw, y, bay_r, y + 10 * k), STONE)
    s.rect((bay_l - 8 * k, bay_top - 6 * k, bay_r + 8 * k, bay_top + 4 * k), STONE)
    pediment = [
        (bay_l - 8 * k, bay_top - 6 * k),
        (cx, bay_top - 64 * k),
        (bay_r + 8 * k, bay_top - 6 * k),
    ]
    s.poly(pediment, STONE)
    tympanum = [
        (bay_l + 10 * k, bay_top - 10 * k),
        (cx, bay_top - 54 * k),
        (bay_r - 10 * k, bay_top - 10 * k),
    ]
    s.poly(tympanum, shade(BRICK, 0.92))
    # The coat of arms repeats the house colours: an amber tower on teal.
    shield = [
        (cx - 13 * k, bay_top - 38 * k),
        (cx + 13 * k, bay_top - 38 * k),
        (cx + 13 * k, bay_top - 24 * k),
        (cx, bay_top - 13 * k),
        (cx - 13 * k, bay_top - 24 * k),
    ]
    s.poly(shield, TEAL)
    s.rect((cx - 3.5 * k, bay_top - 34 * k, cx + 3.5 * k, bay_top - 20 * k), AMBER)
    battlement = [
        (cx - 5 * k, bay_top - 34 * k),
        (cx, bay_top - 40 * k),
        (cx + 5 * k, bay_top - 34 * k),
    ]
    s.poly(battlement, AMBER)
    _entrance(s, cx, ground, k)
    for ox in (-44, 0, 44):
        lit = rng.random() < lit_chance
        window(s, cx + ox * k - 16 * k, y_band2 + 26 * k, 32 * k, 44 * k, STONE, lit=lit, arch=True)
    s.rect((cx - 62 * k, y_band2 + 70 * k, cx + 62 * k, y_band2 + 76 * k), STONE)
    s.rect((cx - 62 * k, y_band2 + 54 * k, cx + 62 * k, y_band2 + 57 * k), STONE)
    for i in range(21):
        bx = cx - 61 * k + i * 6 * k
        s.rect((bx, y_band2 + 57 * k, bx + 2.5 * k, y_band2 + 70 * k), STONE)
    s.circle(cx, eave + 26 * k, 13 * k, STONE)
    s.circle(cx, eave + 26 * k, 10 * k, (58, 76, 88))
    for i in range(3):
        sw2 = (42 + i * 10) * k
        step = (cx - sw2, ground - (3 - i) * 5 * k, cx + sw2, ground - (2 - i) * 5 * k)
        s.rect(step, shade(STONE, 0.95 - i * 0.05))


def _entrance(s, cx, ground, k):
    """Name band, arched double door and the two lit lanterns beside it."""
    s.rect((cx - 42 * k, ground - 100 * k, cx + 42 * k, ground - 82 * k), STONE)
    s.text((cx, ground - 90.5 * k), "STADHUIS", 11 * k, INK)
    s.rect((cx - 24 * k, ground - 56 * k, cx + 24 * k, ground), STONE)
    s.circle(cx, ground - 56 * k, 24 * k, STONE)
    s.rect((cx - 18 * k, ground - 56 * k, cx + 18 * k, ground), DOOR)
    s.circle(cx, ground - 56 * k, 18 * k, DOOR)
    s.line([(cx, ground - 70 * k), (cx, ground)], (52, 32, 24), 1.5 * k)
    for ox in (-9, 9):
        panel = (cx + ox * k - 5 * k, ground - 48 * k, cx + ox * k + 5 * k, ground - 24 * k)
        s.rect(panel, (92, 60, 44))
    for side in (-1, 1):
        lx = cx + side * 44 * k
        s.rect((lx - 1.5 * k, ground - 52 * k, lx + 1.5 * k, ground - 30 * k), INK)
        lantern = (lx - 5 * k, ground - 64 * k, lx + 5 * k, ground - 52 * k)
        s.rect(lantern, (255, 214, 140))
        s.glows.append(lantern)


def _flag(s, fx, eave, k):
    """The municipal flag, teal, white and amber, waving on the left wing."""
    s.line([(fx, eave - 4 * k), (fx, eave - 120 * k)], (220, 220, 214), 2 * k)
    top_edge = [(fx + i * 6 * k, eave - 116 * k + math.sin(i * 0.9) * 3 * k) for i in range(9)]
    bottom_edge = [(px, py + 34 * k) for px, py in top_edge]
    third = [(px, py + 11 * k) for px, py in top_edge]
    two_thirds = [(px, py + 23 * k) for px, py in top_edge]
    s.poly(top_edge + third[::-1], TEAL)
    s.poly(third + two_thirds[::-1], WHITE)
    s.poly(two_thirds + bottom_edge[::-1], AMBER)
