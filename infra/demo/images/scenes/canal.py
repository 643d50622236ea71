"""The canal with the stadhuis: golden hour (hero.jpg) and a sunny day (stadhuis.jpg)."""

from ..buildings import GABLES, canal_house, skyline, street_lamp, street_row
from ..canvas import Scene
from ..figures import bicycle, person, random_look, seated
from ..nature import cloud, glow, sky, tree
from ..palette import (
    AMBER,
    BRICKS,
    CREAM,
    GREENS,
    HAIR,
    INK,
    SKIN,
    TEAL,
    WHITE,
    WOOD,
    alpha,
    hazy,
    mix,
    shade,
)
from ..townhall import town_hall


def canal_view(s, ground, water_top, hall_x, k, evening):
    """A row of canal houses with the stadhuis, the quay and the water's edge."""
    rng = s.rng
    hall_w = 520 * k
    storey = 66 * k
    lit = 0.35 if evening else 0.0
    if evening:
        dusk = mix((120, 110, 140), (238, 176, 120), 0.35)
        skyline(s, ground - 6, dusk, (230 * k, 330 * k), s.w * 0.16)
    else:
        skyline(s, ground - 6, (170, 190, 206), (230 * k, 320 * k), s.w * 0.86)
    # Houses to the left are laid out right-to-left so they meet the hall neatly.
    x = hall_x - hall_w / 2 - 14 * k
    houses = []
    while x > -120:
        w = rng.uniform(66, 104) * k
        houses.append((x - w, w))
        x -= w
    for hx, w in houses:
        h = rng.uniform(190, 280) * k
        canal_house(s, hx, ground, w, h, rng.choice(BRICKS), rng.choice(GABLES), storey, lit)
    right_of_hall = hall_x + hall_w / 2 + 14 * k
    street_row(
        s, right_of_hall, s.w + 10, ground, (190 * k, 280 * k), storey, lit, (66 * k, 104 * k)
    )
    town_hall(s, hall_x, ground, k, lit)
    quay = ground + (water_top - ground) * 0.42
    s.gradient((0, ground, s.w, quay), [(0, (150, 146, 138)), (1, (126, 122, 116))])
    s.gradient((0, quay, s.w, water_top), [(0, (118, 62, 48)), (1, (70, 40, 34))])
    s.rect((0, quay - 1.5, s.w, quay + 2.5), (190, 184, 172))
    return quay


def quay_life(s, ground, k, evening, avoid=()):
    """Trees, lamps, bikes and people along the quay.

    ``avoid`` lists x ranges without trees, so the stadhuis stays visible.
    """
    rng = s.rng
    x = rng.uniform(20, 80)
    while x < s.w:
        if not any(a0 < x < a1 for a0, a1 in avoid):
            palette = hazy(GREENS, (230, 170, 110), 0.25) if evening else GREENS
            tree(
                s, x, ground + 4 * k, rng.uniform(200, 250) * k, palette, light=-1 if evening else 1
            )
        x += rng.uniform(230, 330) * k
    for lx in range(int(120 * k), s.w, int(300 * k)):
        street_lamp(s, lx, ground + 6 * k, 70 * k, lit=evening)
    for _ in range(3):
        bx = rng.uniform(0.05, 0.95) * s.w
        for i in range(rng.randint(2, 4)):
            colour = rng.choice([INK, TEAL, (120, 40, 36), CREAM])
            facing = rng.choice([-1, 1])
            basket = rng.choice([None, AMBER])
            bicycle(s, bx + i * 7 * k, ground + 7 * k, 28 * k, colour, facing, basket=basket)
    for _ in range(6):
        look = random_look(s)
        x = rng.uniform(0.03, 0.97) * s.w
        y = ground + rng.uniform(4, 10) * k
        person(s, x, y, rng.uniform(40, 48) * k, **look)


def boat(s, x, y, length, hull=(36, 58, 66), people=()):
    """A small open canal boat (sloep) with a few passengers."""
    h = length * 0.14
    # Passengers first, so the hull hides their lower bodies.
    for i, look in enumerate(people):
        px = x + length * (0.28 + i * 0.2)
        seated(s, px, y - h * 1.5, length / 620, look, turn=-0.6, body=120)
    hull_shape = [(x, y - h), (x + length, y - h), (x + length * 0.94, y), (x + length * 0.08, y)]
    s.poly(hull_shape, hull)
    gunwale = (x + length * 0.02, y - h - length * 0.012, x + length * 0.99, y - h + length * 0.012)
    s.rect(gunwale, shade(WOOD, 1.2))
    stripe = [(x + length * 0.1, y - h * 0.45), (x + length * 0.93, y - h * 0.45)]
    s.line(stripe, alpha(WHITE, 160), length * 0.008)
    with s.layer(blur=2, opacity=0.45, box=(x, y, x + length, y + h * 1.4)):
        mirrored = [(x + length * 0.08, y), (x + length * 0.94, y), (x + length, y + h), (x, y + h)]
        s.poly(mirrored, (10, 20, 24, 255))


def water_sparkle(s, top, colour, count=140):
    """Short bright streaks on the water, longer and thicker toward the viewer."""
    rng = s.rng
    with s.layer(blur=0.6, box=(0, top, s.w, s.h)):
        for _ in range(count):
            y = rng.uniform(top + 4, s.h)
            t = (y - top) / (s.h - top)
            x = rng.uniform(0, s.w)
            length = rng.uniform(10, 40) * (0.5 + t)
            s.line([(x, y), (x + length, y)], alpha(colour, rng.randint(40, 120)), 0.8 + t * 1.4)


def draw_hero(path):
    """Golden hour on the canal: the stadhuis with its neighbours, 1600x900."""
    s = Scene(1600, 900, seed=2026)
    ground, water_top = 582, 628
    golden_hour = [
        (0, (64, 104, 142)),
        (0.45, (150, 150, 170)),
        (0.8, (242, 184, 122)),
        (1, (250, 212, 150)),
    ]
    sky(s, water_top, golden_hour)
    glow(s, 330, 470, 260, (255, 214, 150), 0.85)
    clouds = ((1220, 150, 190), (880, 90, 140), (300, 200, 150), (1480, 300, 120), (600, 250, 110))
    for cx, cy, size in clouds:
        cloud(s, cx, cy, size, light=(252, 226, 200), dark=(196, 150, 150), opacity=0.8)
    canal_view(s, ground, water_top, hall_x=870, k=0.86, evening=True)
    quay_life(s, ground, 0.86, evening=True, avoid=((640, 1100),))
    # Halo the lit windows before mirroring, so the glow shows in the water too.
    s.add_glows(radius=6, opacity=0.5)
    s.glows.clear()
    s.reflect(water_top, [(0, (58, 78, 92)), (1, (22, 44, 56))], strength=0.62)
    water_sparkle(s, water_top, (255, 206, 140), 180)
    teal_look = dict(shirt=TEAL, skin=SKIN[1], hair=HAIR[3], long_hair=True)
    amber_look = dict(shirt=AMBER, skin=SKIN[3], hair=HAIR[0], long_hair=False)
    boat(s, 160, 760, 300, people=(teal_look, amber_look))
    return s.finish(path, vignette=0.35, warmth=((255, 170, 90), 0.05))


def draw_stadhuis(path):
    """The stadhuis on a sunny day, seen across the canal, 1200x800."""
    s = Scene(1200, 800, seed=11)
    ground, water_top = 572, 610
    sky(s, water_top, [(0, (78, 146, 200)), (0.7, (176, 210, 230)), (1, (222, 234, 238))])
    for cx, cy, size in ((200, 110, 170), (980, 80, 150), (640, 40, 100), (1120, 250, 90)):
        cloud(s, cx, cy, size)
    canal_view(s, ground, water_top, hall_x=600, k=0.98, evening=False)
    quay_life(s, ground, 0.98, evening=False, avoid=((300, 900),))
    s.reflect(water_top, [(0, (66, 112, 124)), (1, (30, 68, 80))], strength=0.58)
    water_sparkle(s, water_top, WHITE, 120)
    boat(s, 820, 740, 260, hull=(150, 56, 44), people=(random_look(s),))
    return s.finish(path, vignette=0.25)
