"""One draw function per photo, keyed by the file name it writes."""

from .canal import draw_hero, draw_stadhuis
from .fietsen import draw_fietsen
from .markt import draw_markt
from .park import draw_park
from .workshop import draw_workshop

SCENES = {
    "hero.jpg": draw_hero,
    "stadhuis.jpg": draw_stadhuis,
    "workshop.jpg": draw_workshop,
    "fietsen.jpg": draw_fietsen,
    "park.jpg": draw_park,
    "markt.jpg": draw_markt,
}
