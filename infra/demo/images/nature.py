"""Sky, light, clouds, shadows and plants."""

import math

from .palette import GREENS, WHITE, alpha, shade


def sky(s, bottom, stops):
    s.gradient((0, 0, s.w, bottom), stops)


def glow(s, cx, cy, r, colour, opacity=0.8):
    """A soft round light, e.g. the sun or a lamp."""
    with s.layer(blur=r * 0.45, opacity=opacity, box=(cx - r, cy - r, cx + r, cy + r)):
        s.circle(cx, cy, r * 0.6, alpha(colour, 255))


def cloud(s, cx, cy, size, light=WHITE, dark=(196, 206, 222), opacity=0.92):
    """A cumulus cloud: shaded puffs below, bright puffs on top."""
    rng = s.rng
    puffs = []
    count = 9
    for i in range(count):
        # Evenly spread puffs, biggest and highest in the middle, give the
        # dome shape of a fair-weather cloud.
        ox = -0.72 + 1.44 * i / (count - 1) + rng.uniform(-0.06, 0.06)
        r = size * rng.uniform(0.2, 0.28) * (1.2 - abs(ox) * 0.75)
        oy = -rng.uniform(0.08, 0.2) * size * (1 - abs(ox))
        puffs.append((cx + ox * size, cy + oy, r))
    box = (cx - size * 1.1, cy - size * 0.7, cx + size * 1.1, cy + size * 0.45)
    with s.layer(blur=size * 0.05, opacity=opacity, box=box):
        for x, y, r in puffs:
            s.circle(x, y + r * 0.25, r, alpha(dark, 255))
        for x, y, r in puffs:
            s.circle(x - r * 0.08, y - r * 0.1, r * 0.9, alpha(light, 255))
        # Cumulus clouds have a flat-ish base where they condense.
        base = (cx - size * 0.8, cy - size * 0.02, cx + size * 0.8, cy + size * 0.14)
        s.ellipse(base, alpha(dark, 255))


def soft_shadow(s, box, strength=90, blur=6):
    with s.layer(blur=blur, box=box):
        s.ellipse(box, (0, 0, 0, strength))


def tree(s, x, ground, h, palette=GREENS, trunk=(84, 62, 46), light=1, shadow=True):
    """A deciduous tree: tapered trunk and a crown of overlapping blobs.

    light=1 puts the highlights on the right, light=-1 on the left.
    """
    rng = s.rng
    crown_r = h * 0.34
    cy = ground - h + crown_r
    if shadow:
        shadow_box = (x - crown_r * 0.9, ground - h * 0.025, x + crown_r * 1.1, ground + h * 0.03)
        soft_shadow(s, shadow_box, 80, h * 0.02)
    tw = h * 0.055
    trunk_shape = [
        (x - tw / 2, ground),
        (x - tw * 0.25, cy),
        (x + tw * 0.25, cy),
        (x + tw / 2, ground),
    ]
    s.poly(trunk_shape, trunk)
    for side in (-1, 1):
        branch = [(x, cy + crown_r * 0.6), (x + side * crown_r * 0.45, cy + crown_r * 0.05)]
        s.line(branch, trunk, tw * 0.35)
    box = (x - crown_r * 1.5, cy - crown_r * 1.4, x + crown_r * 1.5, cy + crown_r * 1.3)
    # Big trees get more, smaller blobs so the crown keeps some texture.
    density = max(1.0, h / 260)
    with s.layer(blur=max(0.6, h * 0.004), box=box):
        for depth, colour in enumerate(palette):
            count = round((16 - depth * 4) * density)
            spread = crown_r * (0.75 - depth * 0.15)
            for _ in range(count):
                a = rng.uniform(0, math.tau)
                d = rng.uniform(0, 1) ** 0.6 * spread
                px = x + math.cos(a) * d * 1.2 + light * depth * crown_r * 0.14
                py = cy + math.sin(a) * d * 0.85 - depth * crown_r * 0.16
                r = crown_r * rng.uniform(0.28, 0.42) * (1 - depth * 0.22) / math.sqrt(density)
                s.circle(px, py, r, alpha(s.vary(colour, 8), 255))


def leaf(s, base, angle, length, width, colour):
    """A pointed leaf growing from base in direction angle (radians)."""
    ca, sa = math.cos(angle), math.sin(angle)
    side = []
    for i in range(9):
        t = i / 8
        offset = math.sin(t * math.pi) * width / 2 * (1 - 0.3 * t)
        side.append((t * length, offset))
    outline = side + [(d, -o) for d, o in reversed(side)]
    s.poly([(base[0] + d * ca - o * sa, base[1] + d * sa + o * ca) for d, o in outline], colour)
    vein = [base, (base[0] + length * 0.9 * ca, base[1] + length * 0.9 * sa)]
    s.line(vein, alpha(shade(colour, 0.7), 200), 1.2)
