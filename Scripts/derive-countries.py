#!/usr/bin/env python3
"""Derive Broadsheet's compact country table from mledoze/countries.

Reads  ../shared/data/countries/countries.json  (mledoze/countries, ODbL 1.0)
Writes Sources/Taxonomy/CountryTable.generated.swift

One tab-separated line per country:
  code  common-name  official-name  flag  region  subregion  aliases  demonyms  capitals
(lists joined with '|'). Aliases are the data's alternative spellings plus the
historical and informal names news text uses (below), so that `Soviet Union` or
`Peking` count for today's country.

It also writes Sources/Taxonomy/CityTable.generated.swift from GeoNames' cities15000.json
(CC BY 4.0): one `name<TAB>country-code` line per city of 50,000 people or more, most populous
first, so that a dateline (`KARACHI:`, `SAO PAULO, March 9 -`) names its country.

Usage: Scripts/derive-countries.py [COUNTRIES_JSON] [OUT_SWIFT] [CITIES_JSON] [OUT_CITIES_SWIFT]
"""
import json
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
                  '|'.join(clean(aliases)), '|'.join(clean(demonyms)), '|'.join(clean(capitals))]
        lines.append('\t'.join(fields))
    body = '\n'.join(lines)
    assert '"""#' not in body
    with open(OUT, 'w', encoding='utf-8') as f:
        f.write('// Generated by Scripts/derive-countries.py from mledoze/countries (ODbL 1.0). Do not edit.\n')
        f.write('// code, common name, official name, flag, region, subregion, aliases, demonyms, capitals\n')
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


if __name__ == '__main__':
    main()
