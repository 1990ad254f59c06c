"""An inline SVG map of Finland with the cases marked. No tiles, no requests.

The outline (data/finland-outline.json) was derived once from Natural Earth (public domain);
the markers are placed from each case's coordinates at build time.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from .text import Ctx, case_src, esc

LON0, LON1, LAT0, LAT1 = 19.0, 32.0, 59.5, 70.2
SCALE = 40.0
KX = math.cos(math.radians(64.5))


def project(lon: float, lat: float) -> tuple[float, float]:
    return round((lon - LON0) * KX * SCALE, 1), round((LAT1 - lat) * SCALE, 1)


@lru_cache(maxsize=4)
def _outline(path: str) -> tuple[str, str]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    d = []
    for ring in data["rings"]:
        pts = [project(lon, lat) for lon, lat in ring]
        d.append("M" + " L".join(f"{x},{y}" for x, y in pts) + " Z")
    return " ".join(d), data["attribution"]


def finland_map_svg(ctx: Ctx) -> str:
    path_d, _ = _outline(str(ctx.content.root / "data" / "finland-outline.json"))
    w, h = project(LON1, LAT0)
    # Labels stand in a column east of the map, in the markers' north-south order, joined by leader lines:
    # they never overlap each other or the markers, however close the places are.
    label_x = w + 12
    marks = []
    next_y = 0.0
    for c in sorted(ctx.content.cases, key=lambda c: -c["place"]["coordinates"]["lat"]):
        x, y = project(c["place"]["coordinates"]["lon"], c["place"]["coordinates"]["lat"])
        name, _ = ctx.text(c["name"])
        ly = max(y, next_y)
        next_y = ly + 18
        marks.append(
            f'<a href="{ctx.url(case_src(c["slug"]))}" class="kp-map-mark" data-slug="{esc(c["slug"])}">'
            f'<title>{esc(name)}</title>'
            f'<line x1="{x}" y1="{y}" x2="{label_x - 3}" y2="{ly}" class="kp-map-leader"/>'
            f'<circle cx="{x}" cy="{y}" r="6"/>'
            f'<text x="{label_x}" y="{ly + 5}">{esc(name)}</text></a>')
    return (
        '<figure class="kp-map">'
        f'<svg viewBox="-10 -10 {w + 150} {h + 20}" width="100%" aria-labelledby="kp-map-title kp-map-desc" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="kp-map-title">{esc(ctx.label("map.title"))}</title>'
        f'<desc id="kp-map-desc">{esc(ctx.label("map.desc"))}</desc>'
        f'<path class="kp-map-land" d="{path_d}"/>'
        f'{"".join(marks)}</svg>'
        f'<figcaption>{esc(ctx.label("map.desc"))} {esc(ctx.label("map.attribution"))}</figcaption></figure>')
