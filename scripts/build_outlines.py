#!/usr/bin/env python
"""Extract the country outlines the map draws into ``store/data/outlines.json``.

Source
------
Natural Earth 1:110m "Admin 0 - Countries" (public domain,
https://www.naturalearthdata.com/, file ``ne_110m_admin_0_countries``), as
shipped by the PyPI package ``geopandas`` 0.14.x under
``geopandas/datasets/naturalearth_lowres/naturalearth_lowres.{shp,dbf}``
(geopandas' own ``naturalearth_creation.py`` documents that it is a straight
copy of that Natural Earth file with a few ISO codes fixed). Newer geopandas
releases no longer ship the data set, so this script pins 0.14.4.

geopandas is NOT a dependency of conflictui: the script downloads the wheel
with ``pip download geopandas==0.14.4 --no-deps`` (or uses the wheel given
with ``--wheel``), and reads the shapefile straight out of the zip with
``pyshp`` (``pip install pyshp``; also not a project dependency). The result
is a few KB of JSON that is committed to the repository, so the script only
needs to be run again to change the set of countries.

Output::

    {"attribution": "Made with Natural Earth. ...",
     "source": "...",
     "countries": {"SY": {"name_en": "Syria", "rings": [[[lon, lat], ...], ...]}, ...}}

Coordinates are rounded to 3 decimals. Rings are the polygon parts of the
shapefile (outer rings; these countries have no holes at 1:110m), closed
(first point == last point).

Usage::

    python scripts/build_outlines.py [--wheel PATH] [--out store/data/outlines.json]
"""

from __future__ import annotations

import argparse
import glob
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ATTRIBUTION = (
    "Made with Natural Earth. Free vector and raster map data @ "
    "naturalearthdata.com (public domain)."
)
SOURCE = (
    "Natural Earth 1:110m Admin 0 - Countries (ne_110m_admin_0_countries), "
    "as shipped by geopandas 0.14.4 (datasets/naturalearth_lowres)."
)
GEOPANDAS_VERSION = "0.14.4"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres."

# ISO 3166-1 alpha-2 -> (Natural Earth names to merge, English display name).
# Natural Earth splits Cyprus into "Cyprus" and "N. Cyprus"; both go under CY.
WANTED: dict[str, tuple[tuple[str, ...], str]] = {
    "SY": (("Syria",), "Syria"),
    "IQ": (("Iraq",), "Iraq"),
    "TR": (("Turkey",), "Turkey"),
    "JO": (("Jordan",), "Jordan"),
    "LB": (("Lebanon",), "Lebanon"),
    "IL": (("Israel",), "Israel"),
    "PS": (("Palestine",), "Palestine"),
    "SA": (("Saudi Arabia",), "Saudi Arabia"),
    "IR": (("Iran",), "Iran"),
    "KW": (("Kuwait",), "Kuwait"),
    "CY": (("Cyprus", "N. Cyprus"), "Cyprus"),
}


def find_wheel(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    tmp = tempfile.mkdtemp(prefix="ne_outlines_")
    subprocess.run(
        [sys.executable, "-m", "pip", "download", f"geopandas=={GEOPANDAS_VERSION}",
         "--no-deps", "-q", "-d", tmp],
        check=True,
    )
    wheels = glob.glob(str(Path(tmp) / "geopandas-*.whl"))
    if not wheels:
        raise SystemExit("pip download did not produce a geopandas wheel")
    return Path(wheels[0])


def extract(wheel: Path) -> dict:
    import shapefile  # pyshp, only needed by this script

    with zipfile.ZipFile(wheel) as z:
        shp = io.BytesIO(z.read(MEMBER + "shp"))
        dbf = io.BytesIO(z.read(MEMBER + "dbf"))
    # The .cpg says ISO-8859-1 ("Côte d'Ivoire" is not valid UTF-8).
    reader = shapefile.Reader(shp=shp, dbf=dbf, encoding="latin-1")

    by_name: dict[str, list[list[list[float]]]] = {}
    for sr in reader.iterShapeRecords():
        name = sr.record.as_dict()["name"]
        shape = sr.shape
        parts = list(shape.parts) + [len(shape.points)]
        rings = []
        for a, b in zip(parts, parts[1:]):
            ring = [[round(x, 3), round(y, 3)] for x, y in shape.points[a:b]]
            # drop consecutive duplicates created by rounding
            dedup = [ring[0]]
            for p in ring[1:]:
                if p != dedup[-1]:
                    dedup.append(p)
            if len(dedup) >= 3:
                rings.append(dedup)
        by_name[name] = rings

    countries = {}
    for code, (ne_names, name_en) in WANTED.items():
        rings = []
        for n in ne_names:
            if n not in by_name:
                raise SystemExit(f"Natural Earth has no country named {n!r}")
            rings.extend(by_name[n])
        countries[code] = {"name_en": name_en, "rings": rings}
    return {"attribution": ATTRIBUTION, "source": SOURCE, "countries": countries}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheel", help="path to a geopandas 0.14.x wheel (else pip download)")
    ap.add_argument(
        "--out",
        default=str(Path(__file__).resolve().parent.parent / "store" / "data" / "outlines.json"),
    )
    args = ap.parse_args(argv)
    data = extract(find_wheel(args.wheel))
    out = Path(args.out)
    # one country per line: small, and diffs stay readable
    lines = ["{", f'  "attribution": {json.dumps(data["attribution"])},',
             f'  "source": {json.dumps(data["source"])},', '  "countries": {']
    items = list(data["countries"].items())
    for i, (code, c) in enumerate(items):
        sep = "," if i < len(items) - 1 else ""
        lines.append(f"    {json.dumps(code)}: {json.dumps(c, ensure_ascii=False, separators=(',', ':'))}{sep}")
    lines += ["  }", "}", ""]
    out.write_text("\n".join(lines), encoding="utf-8")
    json.loads(out.read_text(encoding="utf-8"))  # sanity
    npts = sum(len(r) for c in data["countries"].values() for r in c["rings"])
    print(f"wrote {out} ({out.stat().st_size} bytes, {len(items)} countries, {npts} points)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
