"""People and bicycles.

Figures are simple and faceless: at these sizes hair, clothes and posture
are enough to read as people.
"""

import math

from .nature import soft_shadow
from .palette import HAIR, SHIRTS, SKIN, TROUSERS, alpha, mix, shade

SHOES = (34, 34, 38)


def random_look(s):
    """Clothes, skin and hair for one person, drawn from the scene's rng."""
    rng = s.rng
    return dict(
        shirt=rng.choice(SHIRTS),
        skin=rng.choice(SKIN),
        hair=rng.choice(HAIR),
        trousers=rng.choice(TROUSERS),
        long_hair=rng.random() < 0.4,
    )


def person(
    s, x, ground, h, shirt, skin, hair, trousers, long_hair=False, back=False, bag=None, shadow=True
):
    """A standing figure about h pixels tall; back=True shows them from behind."""
    r = h * 0.075
    head_y = ground - h + r
    shoulder_y = head_y + r * 1.45
    hip_y = ground - h * 0.47
    bw = h * 0.25
    if shadow:
        shadow_box = (x - bw * 0.9, ground - h * 0.02, x + bw * 1.1, ground + h * 0.025)
        soft_shadow(s, shadow_box, 80, h * 0.015)
    lw = bw * 0.38
    for side in (-1, 1):
        lx = x + side * bw * 0.24
        # The right leg is a little darker, as if lit from the left.
        colour = shade(trousers, 1 - 0.08 * (side > 0))
        leg = (lx - lw / 2, hip_y - h * 0.02, lx + lw / 2, ground - h * 0.02)
        s.rect(leg, colour, radius=lw * 0.35)
        s.ellipse((lx - lw * 0.6, ground - h * 0.04, lx + lw * 0.6, ground + h * 0.004), SHOES)
    if long_hair:
        # Drawn before the body so the shoulders cover its lower end.
        locks = (x - r * 1.05, head_y - r * 0.2, x + r * 1.05, shoulder_y + r * 0.9)
        s.rect(locks, hair, radius=r * 0.6)
    arm = shade(shirt, 0.86)
    for side in (-1, 1):
        ax = x + side * (bw / 2 + h * 0.005)
        sleeve = (ax - h * 0.045, shoulder_y + h * 0.01, ax + h * 0.045, hip_y + h * 0.05)
        s.rect(sleeve, arm, radius=h * 0.04)
        s.circle(ax, hip_y + h * 0.055, h * 0.034, skin)
    if bag:
        bx = x + bw / 2
        s.rect((bx + h * 0.01, hip_y, bx + h * 0.13, hip_y + h * 0.16), bag, radius=h * 0.02)
        strap = (bx + h * 0.02, hip_y - h * 0.05, bx + h * 0.12, hip_y + h * 0.04)
        s.arc(strap, 180, 360, shade(bag, 0.7), h * 0.012)
    s.rect((x - bw / 2, shoulder_y, x + bw / 2, hip_y + h * 0.03), shirt, radius=h * 0.07)
    # A soft highlight gives the torso some volume.
    highlight = (x - bw / 2 + bw * 0.12, shoulder_y + h * 0.02, x - bw * 0.05, hip_y)
    s.rect(highlight, alpha(shade(shirt, 1.15), 110), radius=h * 0.05)
    neck = (x - r * 0.35, head_y + r * 0.6, x + r * 0.35, shoulder_y + h * 0.01)
    s.rect(neck, shade(skin, 0.88))
    s.circle(x, head_y, r, skin)
    if back:
        s.circle(x, head_y - r * 0.05, r * 1.03, hair)
    else:
        s.chord((x - r * 1.06, head_y - r * 1.12, x + r * 1.06, head_y + r * 0.75), 180, 360, hair)


def bust(
    s, x, shoulder_y, scale, shirt, skin, hair, long_hair=False, back=False, turn=0.0, body=260
):
    """Upper body of a seated person (for people around a table).

    turn shifts the head slightly sideways so people appear to face each other.
    """
    r = 30 * scale
    head_y = shoulder_y - r * 1.2
    hx = x + turn * r * 0.35
    if long_hair and not back:
        locks = (hx - r * 1.06, head_y - r * 0.3, hx + r * 1.06, shoulder_y + r * 0.9)
        s.rect(locks, hair, radius=r * 0.6)
    torso = (x - 74 * scale, shoulder_y, x + 74 * scale, shoulder_y + body * scale)
    s.rect(torso, shirt, radius=42 * scale)
    highlight = (
        x - 60 * scale,
        shoulder_y + 8 * scale,
        x - 20 * scale,
        shoulder_y + body * 0.77 * scale,
    )
    s.rect(highlight, alpha(shade(shirt, 1.14), 100), radius=24 * scale)
    neck = (hx - r * 0.4, head_y + r * 0.5, hx + r * 0.4, shoulder_y + 8 * scale)
    s.rect(neck, shade(skin, 0.88))
    s.circle(hx, head_y, r, skin)
    if back:
        s.circle(hx, head_y - r * 0.04, r * 1.04, hair)
        if long_hair:
            locks = (hx - r * 1.0, head_y, hx + r * 1.0, shoulder_y + r * 1.2)
            s.rect(locks, hair, radius=r * 0.6)
    else:
        s.chord((hx - r * 1.07, head_y - r * 1.12, hx + r * 1.07, head_y + r * 0.7), 180, 360, hair)
        # A faint shadow where the chin would be hints at the direction of the face.
        fx = hx + turn * r * 0.5
        chin = (fx - r * 0.5, head_y + r * 0.2, fx + r * 0.5, head_y + r * 0.75)
        s.ellipse(chin, alpha(shade(skin, 0.9), 90))


def seated(s, x, shoulder_y, scale, look, **pose):
    """A bust dressed from a random_look() dict; pose goes to bust()."""
    clothes = (look["shirt"], look["skin"], look["hair"], look["long_hair"])
    bust(s, x, shoulder_y, scale, *clothes, **pose)


def bicycle(s, x, ground, size, frame, facing=1, basket=None, haze=None):
    """A Dutch city bike seen from the side; x is the rear hub.

    facing=-1 mirrors the bike; haze=(colour, amount) fades it into the
    distance.
    """
    f = facing

    def fade(colour):
        return colour if haze is None else mix(colour, haze[0], haze[1])

    r = size * 0.34
    tyre = fade((30, 32, 36))
    metal = fade((150, 156, 160))
    frame = fade(frame)
    rear = (x, ground - r)
    front = (x + f * size, ground - r)
    bb = (x + f * size * 0.38, ground - r * 0.82)
    seat = (x + f * size * 0.26, ground - r - size * 0.46)
    head_top = (x + f * size * 0.8, ground - r - size * 0.44)
    head_bot = (x + f * size * 0.84, ground - r - size * 0.3)
    w = max(1.0, size * 0.045)
    for cx, cy in (rear, front):
        s.circle(cx, cy, r, outline=tyre, width=max(1.2, size * 0.05))
        s.circle(cx, cy, r * 0.86, outline=metal, width=max(0.6, size * 0.012))
        for i in range(8):
            a = i / 8 * math.pi
            dx, dy = math.cos(a) * r * 0.84, math.sin(a) * r * 0.84
            s.line(
                [(cx + dx, cy + dy), (cx - dx, cy - dy)], alpha(metal, 150), max(0.4, size * 0.006)
            )
    for cx, cy in (rear, front):
        mudguard = (cx - r * 1.08, cy - r * 1.08, cx + r * 1.08, cy + r * 1.08)
        s.arc(mudguard, 190, 350, frame, w * 0.7)
    # A step-through frame, as on most Dutch bikes.
    s.line([rear, bb], frame, w)
    s.line([rear, seat], frame, w * 0.8)
    s.line([bb, (seat[0] - f * size * 0.02, seat[1] + size * 0.05)], frame, w)
    mid = (x + f * size * 0.6, ground - r - size * 0.06)
    s.line([bb, mid, head_bot], frame, w * 1.15)
    s.line([head_bot, head_top], frame, w * 1.2)
    s.line([head_bot, front], frame, w * 0.9)
    rack = [(rear[0] - f * r * 0.1, rear[1] - r * 1.1), (rear[0] + f * r * 0.9, rear[1] - r * 1.1)]
    s.line(rack, metal, w * 0.7)
    s.line([rear, (rear[0], rear[1] - r * 1.1)], metal, w * 0.5)
    saddle_l, saddle_r = seat[0] - f * size * 0.09, seat[0] + f * size * 0.07
    saddle = (
        min(saddle_l, saddle_r),
        seat[1] - size * 0.04,
        max(saddle_l, saddle_r),
        seat[1] + size * 0.01,
    )
    s.rect(saddle, fade((50, 36, 28)), radius=size * 0.02)
    handlebar = [head_top, (head_top[0] - f * size * 0.16, head_top[1] - size * 0.02)]
    s.line(handlebar, tyre, w * 0.9)
    if basket:
        bx = front[0] - f * size * 0.02
        crate = (
            min(bx, bx + f * size * 0.28),
            head_top[1] + size * 0.02,
            max(bx, bx + f * size * 0.28),
            head_top[1] + size * 0.2,
        )
        s.rect(crate, fade(basket), radius=size * 0.02)
