"""Colours of Gemeente Voorbeeld and small helpers to blend them.

Colours are RGB tuples; an optional fourth value is alpha (0-255).
"""

# House style: the same values as BRAND_COLOURS in pelicanconf.py, so the
# photos match the site around them.
TEAL = (11, 92, 107)
AMBER = (232, 163, 61)
INK = (29, 42, 48)

CREAM = (238, 229, 210)
STONE = (226, 214, 190)
SLATE = (64, 72, 82)
COPPER = (98, 152, 134)
WHITE = (250, 250, 246)
WOOD = (120, 84, 58)
BRICKS = [
    (150, 62, 48),
    (124, 54, 44),
    (170, 96, 66),
    (98, 62, 52),
    (196, 182, 160),
    (222, 214, 198),
    (88, 100, 94),
    (176, 120, 84),
]
DOORS = [TEAL, (40, 70, 52), (30, 34, 40), (120, 40, 36), (44, 62, 96)]
SKIN = [(242, 206, 172), (226, 176, 134), (198, 142, 102), (156, 104, 72), (112, 74, 52)]
HAIR = [
    (38, 30, 26),
    (86, 58, 36),
    (150, 110, 66),
    (206, 172, 112),
    (128, 126, 122),
    (64, 42, 30),
]
SHIRTS = [
    TEAL,
    AMBER,
    (186, 72, 60),
    (70, 110, 160),
    (232, 232, 226),
    (108, 140, 92),
    (146, 92, 138),
    (58, 62, 74),
    (214, 196, 160),
]
TROUSERS = [(46, 52, 68), (36, 38, 44), (90, 80, 66), (60, 84, 120), (120, 116, 108)]
# Foliage from the shaded inside of a crown to its sunlit outside.
GREENS = [(46, 84, 48), (72, 118, 58), (120, 160, 78)]


def mix(a, b, t):
    """Linear blend between colours a and b (t=0 gives a, t=1 gives b)."""
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(min(len(a), len(b))))


def shade(colour, factor):
    """Darken (factor < 1) or lighten (factor > 1) a colour."""
    rgb = colour[:3]
    if factor < 1:
        out = tuple(round(v * factor) for v in rgb)
    else:
        out = tuple(round(v + (255 - v) * min(factor - 1, 1)) for v in rgb)
    return out + tuple(colour[3:])


def alpha(colour, a):
    """Colour with an explicit alpha value (0-255)."""
    return tuple(colour[:3]) + (int(a),)


def hazy(palette, haze_colour, amount):
    """Blend a palette toward the haze colour (atmospheric perspective)."""
    return [mix(c, haze_colour, amount) for c in palette]
