"""Colleagues working around a table with sticky notes (workshop.jpg)."""

import math

from ..buildings import skyline
from ..canvas import Scene
from ..figures import person, random_look, seated
from ..nature import cloud, glow, leaf, soft_shadow, tree
from ..palette import AMBER, GREENS, INK, TEAL, WHITE, alpha, hazy, shade

FLOOR_Y = 500
NOTE_COLOURS = [(250, 222, 110), AMBER, (240, 156, 164), (132, 196, 200), (176, 214, 142)]


def draw_workshop(path):
    """Colleagues working around a table with sticky notes, 1200x800."""
    s = Scene(1200, 800, seed=7)
    _room(s)
    _window_view(s, 50, 60, 430, 420)
    _board(s, 620, 80, 1150, 390)
    for lx in (300, 560):
        _pendant_lamp(s, lx)
    _plant(s)
    _table(s, far_y=520, near_y=690)
    return s.finish(path, vignette=0.3)


def _room(s):
    s.gradient((0, 0, s.w, FLOOR_Y), [(0, (234, 228, 218)), (1, (222, 214, 200))])
    s.gradient((0, FLOOR_Y, s.w, s.h), [(0, (184, 150, 112)), (1, (150, 114, 80))])
    # Floorboards get wider toward the viewer.
    for i in range(14):
        y = FLOOR_Y + (i / 14) ** 1.6 * (s.h - FLOOR_Y)
        s.line([(0, y), (s.w, y)], alpha((110, 80, 52), 60), 1)
    s.rect((0, FLOOR_Y - 10, s.w, FLOOR_Y), (206, 198, 186))


def _window_view(s, wx0, wy0, wx1, wy1):
    """A window looking out on the town, and the daylight it lets in."""
    s.rect((wx0 - 12, wy0 - 12, wx1 + 12, wy1 + 16), (70, 76, 80))
    with s.layer(clip=(wx0, wy0, wx1, wy1)):
        s.gradient((wx0, wy0, wx1, wy1), [(0, (140, 190, 222)), (1, (214, 230, 236))])
        cloud(s, 160, 110, 80)
        skyline(s, wy1 - 20, (176, 188, 196), (120, 170))
        s.gradient((wx0, wy1 - 40, wx1, wy1), [(0, (150, 176, 130)), (1, (124, 156, 110))])
        for x in (120, 330):
            tree(s, x, wy1 + 10, 160, hazy(GREENS, (200, 220, 220), 0.25), shadow=False)
    sill = (wx0 - 20, wy1 + 12, wx1 + 20, wy1 + 24)
    s.rect(sill, (236, 234, 228))
    s.rect(((wx0 + wx1) / 2 - 5, wy0, (wx0 + wx1) / 2 + 5, wy1), (70, 76, 80))
    with s.layer(blur=30, opacity=0.35):
        sunlight = [
            (wx0 + 40, FLOOR_Y),
            (wx1 + 40, FLOOR_Y),
            (wx1 + 260, s.h),
            (wx0 + 140, s.h),
        ]
        s.poly(sunlight, (255, 246, 220, 255))


def _board(s, bx0, by0, bx1, by1):
    """A whiteboard full of sticky notes about the Omgevingswet."""
    rng = s.rng
    soft_shadow(s, (bx0 + 10, by1 - 10, bx1 + 10, by1 + 20), 70, 10)
    s.rect((bx0 - 8, by0 - 8, bx1 + 8, by1 + 8), (150, 156, 160), radius=4)
    s.gradient((bx0, by0, bx1, by1), [(0, (252, 252, 250)), (1, (236, 238, 238))])
    title = "Omgevingswet: wat vraagt de inwoner?"
    s.text((bx0 + 22, by0 + 26), title, 19, TEAL, anchor="lm")
    s.line([(bx0 + 22, by0 + 42), (bx0 + 330, by0 + 44)], alpha(AMBER, 230), 3)
    notes = []
    for col in range(4):
        for row in range(rng.randint(2, 4)):
            cx = bx0 + 80 + col * 120 + rng.uniform(-8, 8)
            cy = by0 + 100 + row * 70 + rng.uniform(-5, 5)
            colour = NOTE_COLOURS[(col + row * 2) % len(NOTE_COLOURS)]
            notes.append((cx, cy, rng.uniform(-6, 6), colour))
    # All shadows in one blurred layer first, so no note casts a shadow on another.
    with s.layer(blur=3, box=(bx0, by0, bx1, by1)):
        for cx, cy, angle, _ in notes:
            s.rot_rect(cx + 3, cy + 4, 62, 56, angle, (0, 0, 0, 70))
    for cx, cy, angle, colour in notes:
        s.rot_rect(cx, cy, 62, 56, angle, colour)
        for i in range(rng.randint(2, 3)):
            y = cy - 12 + i * 11
            scribble = [(cx - 20, y), (cx - 20 + rng.uniform(20, 40), y + rng.uniform(-1, 1))]
            s.line(scribble, alpha(INK, 160), 2)
    # Arrows between the columns: the notes are steps of a process.
    for col in range(3):
        ax = bx0 + 118 + col * 120
        s.line([(ax, by0 + 100), (ax + 22, by0 + 100)], alpha(TEAL, 200), 3)
        s.poly([(ax + 22, by0 + 94), (ax + 30, by0 + 100), (ax + 22, by0 + 106)], alpha(TEAL, 200))


def _pendant_lamp(s, lx):
    s.line([(lx, 0), (lx, 150)], (50, 54, 58), 2)
    s.chord((lx - 48, 130, lx + 48, 200), 180, 360, TEAL)
    s.ellipse((lx - 40, 160, lx + 40, 170), (255, 226, 160))
    glow(s, lx, 190, 120, (255, 214, 140), 0.35)


def _plant(s):
    """A potted plant in the corner."""
    rng = s.rng
    pot = [(500, FLOOR_Y + 30), (580, FLOOR_Y + 30), (570, FLOOR_Y - 40), (510, FLOOR_Y - 40)]
    s.poly(pot, (196, 110, 72))
    for i in range(13):
        a = math.radians(-160 + i * 11.5 + rng.uniform(-4, 4))
        leaf(s, (540, FLOOR_Y - 40), a, rng.uniform(110, 170), 30, s.vary((70, 130, 70), 16))


def _table(s, far_y, near_y):
    """The table in perspective with people around it, back to front."""
    soft_shadow(s, (140, near_y - 20, 1060, near_y + 60), 110, 18)
    top = [(330, far_y), (880, far_y), (1040, near_y), (170, near_y)]
    looks = [random_look(s) for _ in range(7)]
    # The house colours on two people tie the photo to the intranet's theme.
    looks[0].update(shirt=TEAL)
    looks[2].update(shirt=AMBER)
    far_side = ((420, 0.6), (600, 0.0), (780, -0.6))
    for (x, turn), look in zip(far_side, looks[:3], strict=True):
        seated(s, x, far_y - 110, 0.95, look, turn=turn)
    _facilitator(s, looks[3], far_y)
    s.gradient(None, [(0, (222, 196, 156)), (1, (202, 170, 126))], polygon=top)
    s.poly([(170, near_y), (1040, near_y), (1040, near_y + 16), (170, near_y + 16)], (146, 112, 80))
    # The far side's forearms rest on the table, so they go on after its top.
    for x, look in ((420, looks[0]), (600, looks[1]), (780, looks[2])):
        for side in (-1, 1):
            forearm = (x + side * 56 - 22, far_y + 2, x + side * 56 + 22, far_y + 36)
            s.rect(forearm, shade(look["shirt"], 0.88), radius=16)
            s.circle(x + side * 40, far_y + 34, 11, look["skin"])
    _table_things(
        s,
        [
            ("laptop", 470, far_y + 60, 1.0),
            ("paper", 610, far_y + 48, 1.2),
            ("cup", 700, far_y + 40, 1.0),
            ("notes", 560, far_y + 90, 1.3),
            ("notes", 590, far_y + 104, 1.3),
            ("bottle", 360, far_y + 80, 1.0),
            ("laptop_back", 820, far_y + 130, 1.2),
            ("cup", 300, far_y + 150, 1.3),
            ("paper", 680, far_y + 130, 1.6),
            ("notes", 930, far_y + 140, 1.3),
            ("cup", 900, far_y + 80, 1.1),
        ],
    )
    # Seen from behind, the near side puts the viewer at the table.
    seated(s, 380, near_y - 40, 1.55, looks[4], back=True, turn=0.4)
    seated(s, 800, near_y - 30, 1.6, dict(looks[5], long_hair=False), back=True, turn=-0.3)


def _facilitator(s, look, far_y):
    """A colleague standing at the board, reaching up with a marker."""
    look.update(shirt=(70, 110, 160))
    person(s, 950, far_y + 20, 390, **dict(look, trousers=(46, 52, 68), long_hair=True))
    arm = [(950 - 46, far_y - 278), (880, far_y - 330), (890, far_y - 356)]
    s.line(arm, shade(look["shirt"], 0.86), 18)
    s.circle(890, far_y - 362, 12, look["skin"])
    marker = (878, far_y - 392, 890, far_y - 360)
    s.rect(marker, AMBER, radius=3)


def _table_things(s, items):
    """Laptops, cups and papers on a table; items are (kind, x, y, scale)."""
    for kind, x, y, k in items:
        if kind == "laptop":
            base = [
                (x - 34 * k, y),
                (x + 34 * k, y),
                (x + 40 * k, y + 16 * k),
                (x - 40 * k, y + 16 * k),
            ]
            s.poly(base, (196, 200, 204))
            lid = [
                (x - 32 * k, y),
                (x + 32 * k, y),
                (x + 30 * k, y - 44 * k),
                (x - 30 * k, y - 44 * k),
            ]
            s.poly(lid, (60, 66, 72))
            screen = [
                (x - 28 * k, y - 3 * k),
                (x + 28 * k, y - 3 * k),
                (x + 26.5 * k, y - 40 * k),
                (x - 26.5 * k, y - 40 * k),
            ]
            s.poly(screen, (122, 170, 180))
            s.line([(x - 20 * k, y - 30 * k), (x + 8 * k, y - 30 * k)], alpha(WHITE, 200), 2 * k)
            s.line([(x - 20 * k, y - 22 * k), (x + 16 * k, y - 22 * k)], alpha(WHITE, 150), 2 * k)
        elif kind == "laptop_back":
            lid = [
                (x - 34 * k, y),
                (x + 34 * k, y),
                (x + 31 * k, y - 46 * k),
                (x - 31 * k, y - 46 * k),
            ]
            s.poly(lid, (176, 180, 186))
            s.circle(x, y - 24 * k, 4 * k, (206, 210, 214))
        elif kind == "cup":
            handle = (x + 5 * k, y - 12 * k, x + 15 * k, y - 2 * k)
            s.ellipse(handle, outline=WHITE, width=2.5 * k)
            s.rect((x - 9 * k, y - 16 * k, x + 9 * k, y), WHITE, radius=3 * k)
            s.ellipse((x - 9 * k, y - 19 * k, x + 9 * k, y - 13 * k), (226, 226, 222))
            s.ellipse((x - 7 * k, y - 18 * k, x + 7 * k, y - 14 * k), (96, 60, 40))
        elif kind == "paper":
            s.rot_rect(x, y, 46 * k, 30 * k, s.rng.uniform(-12, 12), (246, 246, 240))
        elif kind == "notes":
            s.rot_rect(x, y, 22 * k, 14 * k, s.rng.uniform(-10, 10), (250, 222, 110))
        elif kind == "bottle":
            s.rect((x - 7 * k, y - 40 * k, x + 7 * k, y), (176, 214, 222, 200), radius=4 * k)
            s.rect((x - 3 * k, y - 48 * k, x + 3 * k, y - 38 * k), (40, 110, 126))
