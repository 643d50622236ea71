"""Saturday market on the square (markt.jpg)."""

from ..buildings import skyline, street_row
from ..canvas import Scene
from ..figures import person, random_look
from ..nature import cloud, sky, soft_shadow, tree
from ..palette import AMBER, INK, TEAL, WHITE, alpha, shade

GROUND = 470
FLOWERS = [AMBER, (220, 60, 80), (246, 214, 80), (240, 150, 180), WHITE, (150, 90, 170)]


def draw_markt(path):
    """Saturday market on the square, 1200x800."""
    s = Scene(1200, 800, seed=3)
    rng = s.rng
    ground = GROUND
    sky(s, ground, [(0, (92, 152, 204)), (1, (214, 230, 236))])
    cloud(s, 300, 70, 140)
    cloud(s, 900, 120, 120)
    skyline(s, ground - 30, (180, 196, 206), (260, 330), 1020)
    street_row(s, -30, s.w + 30, ground, (220, 300), 62, w_range=(74, 110))
    tree(s, 70, ground + 6, 300)
    tree(s, 1150, ground + 10, 310, light=-1)
    _cobbles(s)
    _bunting(s, (0, 250), (600, 240), 50, [AMBER, TEAL, WHITE])
    _bunting(s, (600, 240), (1200, 260), 50, [TEAL, AMBER, WHITE])
    # Stalls and shoppers from back to front, so nearer ones overlap farther ones.
    _stall(s, 500, ground + 70, 220, 160, (200, 60, 50), "bread")
    _stall(s, 60, ground + 150, 360, 240, TEAL, "fruit", "Groente & fruit")
    _stall(s, 760, ground + 150, 360, 240, AMBER, "flowers", "Bloemen")
    for x, y, h in ((470, ground + 150, 180), (610, ground + 120, 160), (1030, ground + 196, 186)):
        look = random_look(s)
        person(s, x, y, h, **look, bag=rng.choice([None, AMBER, TEAL]))
    _stall(s, 360, ground + 290, 440, 300, (196, 44, 48), "cheese", "Boerenkaas")
    for x, y, h in ((70, ground + 330, 330), (1120, ground + 350, 350)):
        look = random_look(s)
        person(s, x, y, h, **look, back=True, bag=rng.choice([AMBER, (120, 150, 90)]))
    return s.finish(path, vignette=0.3)


def _cobbles(s):
    """A cobbled square in perspective: rows closer together toward the horizon."""
    s.gradient((0, GROUND, s.w, s.h), [(0, (178, 168, 152)), (1, (136, 124, 110))])
    for i in range(26):
        y = GROUND + (i / 26) ** 1.7 * (s.h - GROUND)
        s.line([(0, y), (s.w, y)], alpha((96, 86, 74), 70), 1)
    for i in range(-30, 31):
        s.line([(600 + i * 22, GROUND), (600 + i * 130, s.h)], alpha((96, 86, 74), 50), 1)


def _bunting(s, p0, p1, sag, colours):
    """A string of small flags hanging between two points."""
    points = []
    for i in range(41):
        t = i / 40
        x = p0[0] + (p1[0] - p0[0]) * t
        y = p0[1] + (p1[1] - p0[1]) * t + sag * 4 * t * (1 - t)
        points.append((x, y))
    s.line(points, (60, 60, 64), 1)
    for i in range(1, 40, 2):
        (x0, y0), (x1, y1) = points[i], points[i + 1]
        flag = [(x0, y0), (x1, y1), ((x0 + x1) / 2 + 1, max(y0, y1) + 16)]
        s.poly(flag, colours[(i // 2) % len(colours)])


def _stall(s, x, ground, w, h, stripe, goods, sign=None):
    """A market stall with a striped awning and a counter full of goods."""
    counter_top = ground - h * 0.42
    awning_front = ground - h * 0.82
    for px in (x + w * 0.04, x + w * 0.96):
        s.rect((px - 2, awning_front, px + 2, ground), (70, 74, 78))
    soft_shadow(s, (x - 10, ground - 8, x + w + 10, ground + 14), 90, 8)
    GOODS[goods](s, x, w, counter_top)
    s.rect((x, counter_top, x + w, ground - 4), shade(stripe, 0.75))
    s.rect((x, counter_top, x + w, counter_top + 8), shade(stripe, 0.6))
    if sign:
        sy = (counter_top + ground) / 2
        s.rect((x + w * 0.3, sy - h * 0.06, x + w * 0.7, sy + h * 0.06), WHITE, radius=4)
        s.text((x + w / 2, sy), sign, h * 0.07, shade(stripe, 0.7))
    s.rect((x + w * 0.7, counter_top - 46, x + w * 0.9, counter_top - 24), WHITE, radius=2)
    s.text((x + w * 0.8, counter_top - 35), "2,50", 11, INK)
    _awning(s, x, ground, w, h, stripe, counter_top)


def _awning(s, x, ground, w, h, stripe, counter_top):
    """Striped, sloping toward the viewer, with a scalloped edge and a shadow below."""
    n = 8
    awning_back, awning_front = ground - h, ground - h * 0.82
    back_l, back_r = x + w * 0.05, x + w * 0.95
    front_l, front_r = x - w * 0.04, x + w * 1.04
    for i in range(n):
        t0, t1 = i / n, (i + 1) / n
        colour = stripe if i % 2 == 0 else WHITE
        fx0 = front_l + (front_r - front_l) * t0
        fx1 = front_l + (front_r - front_l) * t1
        panel = [
            (back_l + (back_r - back_l) * t0, awning_back),
            (back_l + (back_r - back_l) * t1, awning_back),
            (fx1, awning_front),
            (fx0, awning_front),
        ]
        s.poly(panel, colour)
        s.rect((fx0, awning_front, fx1, awning_front + 10), shade(colour, 0.92))
        s.chord((fx0, awning_front + 2, fx1, awning_front + 20), 0, 180, shade(colour, 0.92))
    with s.layer(blur=8, opacity=0.35, box=(x, awning_front, x + w, counter_top)):
        s.rect((x, awning_front + 14, x + w, awning_front + 50), (0, 0, 0, 255))


def _fruit(s, x, w, counter_top):
    rng = s.rng
    for i, colour in enumerate([(236, 140, 40), (196, 40, 40), (140, 190, 60), (236, 200, 60)]):
        cx0 = x + w * (0.06 + i * 0.23)
        s.rect((cx0, counter_top - 22, cx0 + w * 0.2, counter_top + 4), (160, 118, 76))
        for j in range(14):
            fx = cx0 + 8 + (j % 7) * w * 0.027
            fy = counter_top - 22 - (j // 7) * 8 + rng.uniform(-2, 2)
            s.circle(fx, fy, 7, s.vary(colour, 12))
            s.circle(fx - 2, fy - 2, 2, alpha(WHITE, 120))


def _flowers(s, x, w, counter_top):
    rng = s.rng
    for i in range(9):
        bx = x + w * (0.06 + i * 0.1)
        colour = FLOWERS[i % 6]
        for _ in range(7):
            fx = bx + rng.uniform(0, w * 0.07)
            fy = counter_top - rng.uniform(30, 50)
            s.line([(bx + w * 0.035, counter_top - 6), (fx, fy)], (70, 120, 60), 1.5)
            s.ellipse((fx - 4, fy - 7, fx + 4, fy + 3), s.vary(colour, 10))
        bucket = (bx, counter_top - 14, bx + w * 0.07, counter_top + 4)
        s.rect(bucket, (90, 100, 110), radius=2)


def _cheese(s, x, w, counter_top):
    # Wheels stacked two and one high, alternating.
    for i in range(5):
        for j in range(2 - i % 2):
            cx0 = x + w * (0.1 + i * 0.18)
            cy0 = counter_top - 10 - j * 18
            s.ellipse((cx0 - 26, cy0 - 10, cx0 + 26, cy0 + 10), (236, 190, 70))
            s.rect((cx0 - 26, cy0 - 1, cx0 + 26, cy0 + 10), (220, 168, 50))
            s.ellipse((cx0 - 26, cy0 - 14, cx0 + 26, cy0 + 6), (250, 214, 110))


def _bread(s, x, w, counter_top):
    for i in range(12):
        cx0 = x + w * (0.08 + i * 0.075)
        loaf = (cx0 - 14, counter_top - 20, cx0 + 14, counter_top)
        s.ellipse(loaf, s.vary((190, 130, 70), 14))
        score = [(cx0 - 6, counter_top - 14), (cx0 + 4, counter_top - 8)]
        s.line(score, alpha((250, 230, 190), 150), 2)


GOODS = {"fruit": _fruit, "flowers": _flowers, "cheese": _cheese, "bread": _bread}
