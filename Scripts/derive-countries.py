#!/usr/bin/env python3
"""Derive Broadsheet's compact country table from mledoze/countries.

Reads  ../shared/data/countries/countries.json  (mledoze/countries, ODbL 1.0)
Writes Sources/Taxonomy/CountryTable.generated.swift

One tab-separated line per country:
  code  common-name  official-name  flag  region  subregion  aliases  demonyms  capitals  borders
(lists joined with '|'; borders as ISO alpha-2 codes). Aliases are the data's alternative spellings plus the
historical and informal names news text uses (below), so that `Soviet Union` or
`Peking` count for today's country.

It also writes Sources/Taxonomy/CityTable.generated.swift from GeoNames' cities15000.json
(CC BY 4.0): one `name<TAB>country-code` line per city of 50,000 people or more, most populous
first, so that a dateline (`KARACHI:`, `SAO PAULO, March 9 -`) names its country.

And it writes Sources/Rendering/WorldMapOutlines.generated.swift from the GeoJSON outlines in
../shared/data/countries/geo/ (same source and licence): each country's outline projected with
the Equal Earth projection onto a 1000-unit-wide map, simplified (Douglas-Peucker, half a unit)
and with specks below a unit dropped, as SVG path data: one `code<TAB>path` line per country.

Usage: Scripts/derive-countries.py [COUNTRIES_JSON] [OUT_SWIFT] [CITIES_JSON] [OUT_CITIES_SWIFT]
"""
import json
import math
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, '..', 'shared', 'data', 'countries', 'countries.json')
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, 'Sources', 'Taxonomy', 'CountryTable.generated.swift')
CITIES = sys.argv[3] if len(sys.argv) > 3 else os.path.join(ROOT, '..', 'shared', 'data', 'geonames', 'cities15000.json')
OUT_CITIES = sys.argv[4] if len(sys.argv) > 4 else os.path.join(ROOT, 'Sources', 'Taxonomy', 'CityTable.generated.swift')
US_STATES = os.path.join(os.path.dirname(CITIES), 'us_states.json')
MIN_POPULATION = 50000
# Wire datelines name the state after the city in the news agencies' own abbreviations
# (`CARSON, Calif.`); Canadian datelines name the province.
US_STATE_ABBREVIATIONS = ['Ala.', 'Ariz.', 'Ark.', 'Calif.', 'Colo.', 'Conn.', 'Del.', 'Fla.', 'Ga.', 'Ill.',
    'Ind.', 'Kan.', 'Kans.', 'Ky.', 'La.', 'Md.', 'Mass.', 'Mich.', 'Minn.', 'Miss.', 'Mo.', 'Mont.', 'Neb.',
    'Nev.', 'N.H.', 'N.J.', 'N.M.', 'N.Y.', 'N.C.', 'N.D.', 'Okla.', 'Ore.', 'Pa.', 'R.I.', 'S.C.', 'S.D.',
    'Tenn.', 'Tex.', 'Vt.', 'Va.', 'Wash.', 'W.Va.', 'Wis.', 'Wyo.', 'D.C.']
CANADIAN_PROVINCES = ['Alberta', 'British Columbia', 'Manitoba', 'New Brunswick', 'Newfoundland', 'Nova Scotia',
    'Ontario', 'Quebec', 'Saskatchewan', 'Prince Edward Island', 'Alta.', 'B.C.', 'Man.', 'N.B.', 'Ont.', 'Que.',
    'Sask.', 'N.S.']

# Names news text uses that the data does not carry: informal and historical names,
# mapped to the country that holds the territory today.
EXTRA_ALIASES = {
    'US': ['U.S.', 'U.S.A.', 'America', 'United States'],
    'GB': ['UK', 'U.K.', 'Britain', 'Great Britain', 'England', 'Scotland', 'Wales'],
    'NL': ['Holland'],
    'TR': ['Turkey'],
    'RU': ['Soviet Union', 'USSR', 'U.S.S.R.'],
    'DE': ['West Germany', 'East Germany'],
    'CN': ['Peking', "People's Republic of China", 'Mainland China'],
    'IN': ['Bombay', 'Calcutta', 'Madras'],
    'MM': ['Burma'],
    'CD': ['Zaire', 'DRC', 'Democratic Republic of Congo'],
    'LK': ['Ceylon'],
    'IR': ['Persia'],
    'TH': ['Siam'],
    'CZ': ['Czechoslovakia', 'Czech Republic'],
    'RS': ['Yugoslavia'],
    'KH': ['Kampuchea', 'Cambodia'],
    'KR': ['South Korea'],
    'KP': ['North Korea'],
    'AE': ['UAE', 'U.A.E.'],
    'CI': ['Ivory Coast'],
    'VA': ['Vatican'],
    'TW': ['Taiwan'],
    'PS': ['Gaza', 'West Bank'],
}
EXTRA_DEMONYMS = {
    'GB': ['British', 'English', 'Scottish', 'Welsh'],
    'NL': ['Dutch'],
    'RU': ['Soviet'],
    'DE': ['West German', 'East German'],
    'US': ['American'],
    'AF': ['Afghan'],
    'PH': ['Filipino', 'Philippine'],
}
EXTRA_CAPITALS = {
    'US': ['Washington'],
}
# Alternative spellings that are codes or fragments, not names people write.
DROP_ALIASES = {'Guinea'}


def clean(items):
    seen, out = set(), []
    for item in items:
        item = item.strip()
        if not item or item in seen or '|' in item or '\t' in item:
            continue
        seen.add(item)
        out.append(item)
    return out


def is_name(alias, code):
    # Two- and three-letter codes (`AF`, `AFG`) are not evidence; curated acronyms come from EXTRA_ALIASES.
    if re.fullmatch(r'[A-Z]{1,3}', alias):
        return False
    return alias not in DROP_ALIASES


def main():
    countries = json.load(open(SRC, encoding='utf-8'))
    alpha2 = {c['cca3']: c['cca2'] for c in countries}
    lines = []
    for c in sorted(countries, key=lambda c: c['cca2']):
        code = c['cca2']
        common = c['name']['common']
        official = c['name']['official']
        aliases = [a for a in c.get('altSpellings', []) if is_name(a, code) and a != common]
        aliases += EXTRA_ALIASES.get(code, [])
        demonyms = []
        for d in (c.get('demonyms') or {}).get('eng', {}).values():
            demonyms.append(d)
        demonyms += EXTRA_DEMONYMS.get(code, [])
        capitals = list(c.get('capital') or []) + EXTRA_CAPITALS.get(code, [])
        fields = [code, common, official, c.get('flag', ''), c.get('region', ''), c.get('subregion', ''),
                  '|'.join(clean(aliases)), '|'.join(clean(demonyms)), '|'.join(clean(capitals)),
                  '|'.join(sorted(alpha2[b] for b in c.get('borders', []) if b in alpha2))]
        lines.append('\t'.join(fields))
    body = '\n'.join(lines)
    assert '"""#' not in body
    with open(OUT, 'w', encoding='utf-8') as f:
        f.write('// Generated by Scripts/derive-countries.py from mledoze/countries (ODbL 1.0). Do not edit.\n')
        f.write('// code, common name, official name, flag, region, subregion, aliases, demonyms, capitals, borders\n')
        f.write('let countryTableTSV = #"""\n')
        f.write(body)
        f.write('\n"""#\n')
    print(f'wrote {len(lines)} countries to {os.path.relpath(OUT, ROOT)}')

    cities = json.load(open(CITIES, encoding='utf-8'))
    known = {c['cca2'] for c in countries}
    rows, seen = [], set()
    for city in sorted(cities.values(), key=lambda c: (-c['population'], c['name'])):
        name, code = city['name'].strip(), city['countrycode']
        if city['population'] < MIN_POPULATION or code not in known or not name or '\t' in name:
            continue
        if name in seen:
            continue  # the most populous place of a name wins
        seen.add(name)
        rows.append(f'{name}\t{code}')
    # Large cities are also written by their other English names (`New York` for New York City,
    # `Bombay`): plain capitalised Latin names among GeoNames' alternate names.
    for city in sorted(cities.values(), key=lambda c: (-c['population'], c['name'])):
        if city['population'] < 1_000_000 or city['countrycode'] not in known:
            continue
        for alt in city.get('alternatenames') or []:
            words = alt.split()
            if (alt in seen or not (1 <= len(words) <= 3) or alt.isupper()
                    or not all(w[:1].isupper() and all(ch.isascii() and (ch.isalpha() or ch in "-'.") for ch in w) for w in words)):
                continue
            seen.add(alt)
            rows.append(f"{alt}\t{city['countrycode']}")
    states = json.load(open(US_STATES, encoding='utf-8'))
    regions = [f'{s["name"]}\tUS' for s in sorted(states.values(), key=lambda s: s['name']) if s['name'] != 'Georgia']
    regions += [f'{a}\tUS' for a in US_STATE_ABBREVIATIONS] + [f'{p}\tCA' for p in CANADIAN_PROVINCES]
    body = '\n'.join(rows)
    assert '"""#' not in body
    with open(OUT_CITIES, 'w', encoding='utf-8') as f:
        f.write('// Generated by Scripts/derive-countries.py from GeoNames cities15000 (CC BY 4.0). Do not edit.\n')
        f.write(f'// name, ISO country code; cities of {MIN_POPULATION:,}+ people, most populous first\n')
        f.write('let cityTableTSV = #"""\n')
        f.write(body)
        f.write('\n"""#\n\n')
        f.write('// US states (GeoNames us_states.json, without Georgia, which is also a country), the news\n')
        f.write("// agencies' state abbreviations, and Canadian provinces: the region part of a dateline.\n")
        f.write('let regionTableTSV = #"""\n')
        f.write('\n'.join(regions))
        f.write('\n"""#\n')
    print(f'wrote {len(rows)} cities to {os.path.relpath(OUT_CITIES, ROOT)}')


# Equal Earth (Šavrič, Patterson, Jenny 2018): equal-area, and kind to every continent.
EE_A1, EE_A2, EE_A3, EE_A4 = 1.340264, -0.081106, 0.000893, 0.003796
EE_M = math.sqrt(3) / 2
MAP_WIDTH = 1000.0
EE_XMAX = 2.7206990463
MAP_SCALE = MAP_WIDTH / (2 * EE_XMAX)
MAP_SOUTH = -58.0  # Antarctica is left off: it would take a fifth of the height for no story.


def equal_earth(lon, lat):
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(EE_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (EE_A1 + 3 * EE_A2 * t2 + t6 * (7 * EE_A3 + 9 * EE_A4 * t2)))
    y = theta * (EE_A1 + EE_A2 * t2 + t6 * (EE_A3 + EE_A4 * t2))
    return x, y


_, EE_YTOP = equal_earth(0, 90)
_, EE_YBOTTOM = equal_earth(0, MAP_SOUTH)
MAP_HEIGHT = round((EE_YTOP - EE_YBOTTOM) * MAP_SCALE)


def to_map(lon, lat):
    x, y = equal_earth(lon, lat)
    return ((x + EE_XMAX) * MAP_SCALE, (EE_YTOP - y) * MAP_SCALE)


def simplify(points, tolerance):
    """Douglas-Peucker, iterative."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        best, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            d = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm if norm else math.hypot(px - x1, py - y1)
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def ring_area(points):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))) / 2


def outline(path):
    data = json.load(open(path, encoding='utf-8'))
    polygons = []
    for feature in data['features']:
        geometry = feature.get('geometry') or {'type': None}
        if geometry['type'] == 'Polygon':
            polygons.append(geometry['coordinates'])
        elif geometry['type'] == 'MultiPolygon':
            polygons += geometry['coordinates']
    rings = []
    for polygon in polygons:
        for ring in polygon[:1]:  # outer rings only: lakes are not drawn
            points = [to_map(lon, max(lat, MAP_SOUTH)) for lon, lat in ring]
            rings.append(simplify(points, 0.5))
    # Specks vanish, but every country keeps its largest piece so that it can be found and clicked.
    rings = [r for r in rings if len(r) >= 3]
    if not rings:
        return ''
    largest = max(rings, key=ring_area)
    kept = [r for r in rings if ring_area(r) >= 1.0 or r is largest]
    parts = []
    for ring in kept:
        parts.append('M' + 'L'.join(f'{x:.1f} {y:.1f}' for x, y in ring) + 'Z')
    return ''.join(parts)


def write_world_map(countries):
    geo = os.path.join(os.path.dirname(SRC), 'geo')
    out = os.path.join(ROOT, 'Sources', 'Rendering', 'WorldMapOutlines.generated.swift')
    rows = []
    for c in sorted(countries, key=lambda c: c['cca2']):
        if c['cca3'] == 'ATA':
            continue
        path = os.path.join(geo, c['cca3'].lower() + '.geo.json')
        if not os.path.exists(path):
            continue
        d = outline(path)
        if d:
            rows.append(f"{c['cca2']}\t{d}")
    with open(out, 'w', encoding='utf-8') as f:
        f.write('// Generated by Scripts/derive-countries.py from mledoze/countries outlines (ODbL 1.0). Do not edit.\n')
        f.write(f'// ISO code, SVG path on an Equal Earth map {int(MAP_WIDTH)} wide and {MAP_HEIGHT} high\n')
        f.write(f'let worldMapSize = (width: {int(MAP_WIDTH)}, height: {MAP_HEIGHT})\n')
        f.write('let worldMapOutlinesTSV = #"""\n')
        f.write('\n'.join(rows))
        f.write('\n"""#\n')
    print(f'wrote {len(rows)} outlines to {os.path.relpath(out, ROOT)} ({os.path.getsize(out) // 1024} KB)')


if __name__ == '__main__':
    main()
    write_world_map(json.load(open(SRC, encoding='utf-8')))
