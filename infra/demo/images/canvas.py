"""The drawing surface every scene paints on.

Scenes are drawn at SS times the output size and scaled down when saved,
which gives smooth edges that Pillow's primitives do not have on their own.
"""

import math
import random
from contextlib import contextmanager
from itertools import pairwise

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from .palette import INK, WHITE, alpha, mix

SS = 2
JPEG_QUALITY = 80


def _rgba(colour):
    return tuple(colour) if len(colour) == 4 else tuple(colour) + (255,)


def _colour_at(stops, t):
    """Colour at position t (0..1) of a list of (position, colour) stops."""
    stops = [(p, _rgba(c)) for p, c in stops]
    if t <= stops[0][0]:
        return stops[0][1]
    for (p0, c0), (p1, c1) in pairwise(stops):
        if t <= p1:
            return mix(c0, c1, (t - p0) / max(p1 - p0, 1e-9))
    return stops[-1][1]


def gradient_image(width, height, stops, horizontal=False):
    """An RGBA image filled with a multi-stop linear gradient."""
    # Computing 256 colours and stretching them is far cheaper than a colour
    # per pixel row, and bilinear scaling hides the steps.
    n = 256
    strip = Image.new("RGBA", (1, n))
    strip.putdata([_colour_at(stops, i / (n - 1)) for i in range(n)])
    if horizontal:
        strip = strip.transpose(Image.Transpose.ROTATE_90)
    return strip.resize((max(1, width), max(1, height)), Image.Resampling.BILINEAR)


class Scene:
    """A drawing surface that works in output pixels.

    All coordinates passed to the drawing methods are in output pixels; the
    scene scales them by SS internally. ``layer()`` temporarily redirects
    drawing to a transparent layer that can be blurred (soft shadows, glow,
    haze) before it is composited back.

    ``rng`` is the scene's only source of randomness: every draw call that
    uses it advances the same sequence, so the order of calls is part of the
    picture.
    """

    def __init__(self, width, height, seed):
        self.w, self.h = width, height
        self.rng = random.Random(seed)
        self.img = Image.new("RGB", (width * SS, height * SS), WHITE)
        self._target = self.img
        self._draw = ImageDraw.Draw(self.img, "RGBA")
        self._origin = (0, 0)
        self._fonts = {}
        # Boxes of lit windows and lamps; add_glows() haloes them all in one
        # blurred layer instead of one blur per window.
        self.glows = []

    # -- coordinates -------------------------------------------------------

    def _xy(self, x, y):
        return (x * SS - self._origin[0], y * SS - self._origin[1])

    def _pts(self, points):
        return [self._xy(x, y) for x, y in points]

    def _box(self, box):
        (a, b), (c, d) = self._xy(box[0], box[1]), self._xy(box[2], box[3])
        return (min(a, c), min(b, d), max(a, c), max(b, d))

    # -- randomness --------------------------------------------------------

    def vary(self, colour, amount=10):
        """Colour with a little random variation per channel."""
        rgb = tuple(max(0, min(255, v + self.rng.randint(-amount, amount))) for v in colour[:3])
        return rgb + tuple(colour[3:])

    # -- primitives --------------------------------------------------------

    def rect(self, box, fill, radius=0):
        if radius:
            self._draw.rounded_rectangle(self._box(box), radius * SS, fill=fill)
        else:
            self._draw.rectangle(self._box(box), fill=fill)

    def ellipse(self, box, fill=None, outline=None, width=1):
        self._draw.ellipse(
            self._box(box), fill=fill, outline=outline, width=max(1, round(width * SS))
        )

    def circle(self, cx, cy, r, fill=None, outline=None, width=1):
        self.ellipse((cx - r, cy - r, cx + r, cy + r), fill, outline, width)

    def chord(self, box, start, end, fill):
        self._draw.chord(self._box(box), start, end, fill=fill)

    def arc(self, box, start, end, fill, width=1):
        self._draw.arc(self._box(box), start, end, fill=fill, width=max(1, round(width * SS)))

    def poly(self, points, fill):
        self._draw.polygon(self._pts(points), fill=fill)

    def line(self, points, fill, width=1):
        self._draw.line(
            self._pts(points), fill=fill, width=max(1, round(width * SS)), joint="curve"
        )

    def rot_rect(self, cx, cy, w, h, angle, fill):
        """A rectangle rotated by angle (degrees) around its centre."""
        a = math.radians(angle)
        c, s = math.cos(a), math.sin(a)
        corners = ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2))
        self.poly([(cx + dx * c - dy * s, cy + dx * s + dy * c) for dx, dy in corners], fill)

    def text(self, xy, content, size, fill, anchor="mm"):
        size_px = round(size * SS)
        # Pillow's bundled font, so the output does not depend on installed fonts.
        if size_px not in self._fonts:
            self._fonts[size_px] = ImageFont.load_default(size=size_px)
        self._draw.text(self._xy(*xy), content, fill=fill, font=self._fonts[size_px], anchor=anchor)

    def gradient(self, box, stops, horizontal=False, polygon=None, ellipse=False):
        """Fill a box (optionally clipped to a polygon or ellipse) with a gradient.

        With ``box=None`` the box is the polygon's bounding box.
        """
        if box is None:
            xs = [p[0] for p in polygon]
            ys = [p[1] for p in polygon]
            box = (min(xs), min(ys), max(xs), max(ys))
        x0, y0, x1, y1 = (round(v) for v in self._box(box))
        grad = gradient_image(x1 - x0, y1 - y0, stops, horizontal)
        if polygon or ellipse:
            mask = Image.new("L", grad.size, 0)
            mask_draw = ImageDraw.Draw(mask)
            if ellipse:
                mask_draw.ellipse((0, 0, grad.width - 1, grad.height - 1), fill=255)
            else:
                shape = [(px - x0, py - y0) for px, py in self._pts(polygon)]
                mask_draw.polygon(shape, fill=255)
            grad.putalpha(ImageChops.multiply(grad.getchannel("A"), mask))
        self._composite(grad, x0, y0)

    # -- layers ------------------------------------------------------------

    def _composite(self, im, x, y):
        """Blend an RGBA image onto the current target, clipped to its bounds."""
        tw, th = self._target.size
        cx0, cy0 = max(0, -x), max(0, -y)
        cx1, cy1 = min(im.width, tw - x), min(im.height, th - y)
        if cx1 <= cx0 or cy1 <= cy0:
            return
        im = im.crop((cx0, cy0, cx1, cy1))
        x, y = x + cx0, y + cy0
        if self._target.mode == "RGB":
            self._target.paste(im, (x, y), im)
        else:
            self._target.alpha_composite(im, (x, y))

    @contextmanager
    def layer(self, blur=0, opacity=1.0, box=None, clip=None):
        """Draw on a transparent layer, then blur it and blend it in.

        ``box`` limits the layer to a region (in output pixels), which keeps
        blurring cheap; it is padded automatically to leave room for the blur.
        ``clip`` is a rectangle outside which the layer is discarded (e.g. the
        view through a window).
        """
        if box is None:
            box = (0, 0, self.w, self.h)
        pad = blur * 3
        x0 = math.floor((box[0] - pad) * SS)
        y0 = math.floor((box[1] - pad) * SS)
        x1 = math.ceil((box[2] + pad) * SS)
        y1 = math.ceil((box[3] + pad) * SS)
        layer = Image.new("RGBA", (max(1, x1 - x0), max(1, y1 - y0)), (0, 0, 0, 0))
        saved = (self._target, self._draw, self._origin)
        self._target, self._draw, self._origin = layer, ImageDraw.Draw(layer), (x0, y0)
        try:
            yield layer
        finally:
            self._target, self._draw, self._origin = saved
        if blur:
            layer = layer.filter(ImageFilter.GaussianBlur(blur * SS))
        if opacity < 1:
            layer.putalpha(layer.getchannel("A").point(lambda a: round(a * opacity)))
        if clip:
            mask = Image.new("L", layer.size, 0)
            cx0, cy0 = clip[0] * SS - x0, clip[1] * SS - y0
            cx1, cy1 = clip[2] * SS - x0, clip[3] * SS - y0
            ImageDraw.Draw(mask).rectangle((cx0, cy0, cx1, cy1), fill=255)
            layer.putalpha(ImageChops.multiply(layer.getchannel("A"), mask))
        self._composite(layer, x0 - self._origin[0], y0 - self._origin[1])

    # -- finishing ---------------------------------------------------------

    def reflect(self, water_top, tint_stops, strength=0.55, ripple=1.0):
        """Mirror everything above water_top into the water below it."""
        top = water_top * SS
        depth = self.img.height - top
        src = self.img.crop((0, max(0, top - depth), self.img.width, top))
        src = src.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
        rippled = src.copy()
        band = SS
        for y in range(0, src.height, band):
            t = y / max(1, src.height)
            # Waves closer to the viewer look bigger, so shift those rows further.
            dx = round(self.rng.gauss(0, 0.4 + 2.5 * t) * ripple * SS)
            rippled.paste(src.crop((0, y, src.width, min(src.height, y + band))), (dx, y))
        # Reflections on moving water are smeared vertically and never sharp.
        small = (rippled.width, max(1, rippled.height // 5))
        rippled = rippled.resize(small, Image.Resampling.BOX)
        rippled = rippled.resize(src.size, Image.Resampling.BILINEAR)
        rippled = rippled.filter(ImageFilter.GaussianBlur(1.6 * SS))
        water = gradient_image(rippled.width, rippled.height, tint_stops).convert("RGB")
        self.img.paste(Image.blend(water, rippled, strength), (0, top))

    def add_glows(self, colour=(255, 196, 110), radius=10, opacity=0.55):
        """Soft halo around everything registered in self.glows."""
        if not self.glows:
            return
        with self.layer(blur=radius, opacity=opacity):
            for box in self.glows:
                self.rect(box, alpha(colour, 255))

    def finish(self, path, vignette=0.3, grain=2.0, warmth=None):
        """Downscale, add vignette, optional colour cast and grain, save JPEG."""
        img = self.img.resize((self.w, self.h), Image.Resampling.LANCZOS)
        if warmth:
            colour, amount = warmth
            img = Image.blend(img, Image.new("RGB", img.size, colour), amount)
        if vignette:
            radial = Image.radial_gradient("L").resize(img.size, Image.Resampling.BILINEAR)
            mask = radial.point(lambda v: round(max(0, v - 110) / 145 * 255 * vignette))
            img.paste(INK, (0, 0, img.width, img.height), mask)
        if grain:
            # Uniform noise from the scene's own seeded generator, so a rerun
            # writes the same bytes; scaled so its standard deviation is grain.
            amplitude = grain * math.sqrt(3)
            raw = Image.frombytes("L", img.size, self.rng.randbytes(img.width * img.height))
            noise = raw.point(lambda v: 128 + round((v - 127.5) / 127.5 * amplitude))
            img = ImageChops.add(img, noise.convert("RGB"), 1.0, -128)
        img.save(path, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        return path
