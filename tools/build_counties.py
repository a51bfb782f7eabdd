"""Build ``src/zhiku/data/gazetteer/regions_cn_counties.csv``: China's county-level divisions by their full names.

Input: ``cpca/resources/adcodes.csv`` of the PyPI package cpca 0.5.5 (MIT; 12-digit 行政区划代码 whose first six digits
are the GB/T 2260 code). Run once where the wheel is unpacked: ``python tools/build_counties.py PATH/adcodes.csv``.

Divisions set up since the table was made are added from ``_RECENT``.

Kept: divisions whose code ends in something other than 00 (区, 县, 县级市, 旗), by their full name only (no short
name: 江山, 长乐, 永安 are common words). Left out: names of two characters (南县, 新县, 东区 read inside other words),
names that are generic (城区, 郊区, 市辖区), and names several divisions share (朝阳区, 南山区) unless exactly one of
them lies in a city of ``_PREFERRED`` (municipalities, then provincial capitals and sub-provincial cities, in that
order): the one AI-industry news means when it writes the name alone (南山区 → 深圳市).
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "zhiku" / "data" / "gazetteer" / "regions_cn_counties.csv"
_GENERIC = {"市辖区", "城区", "郊区", "矿区", "市中区", "城关区", "城中区", "新城区", "东区", "西区",
            "河东区", "河西区", "桥西区", "桥东区", "新华区", "向阳区", "青山区", "铁西区", "铁东区", "长安区",
            "永定区", "海州区", "西安区", "和平区", "新区", "县"}
# prefecture codes (first four digits), most prominent first: municipalities, then capitals and sub-provincial cities
_PREFERRED = ["1101", "3101", "1201", "5001", "5002", "4403", "4401", "3301", "3201", "4201", "5101", "6101", "3702",
              "3302", "3502", "2102", "3701", "4301", "4101", "3401", "3501", "2101", "2201", "2301", "1301", "1401",
              "1501", "3601", "4501", "4601", "5201", "5301", "5401", "6201", "6301", "6401", "6501"]

# Divisions set up or renumbered after cpca's table was made (2016 and later), from the Ministry of Civil Affairs'
# yearly lists of changes to county-level divisions (民政部《县级以上行政区划变更情况》, www.mca.gov.cn): code → name,
# None for a code that no longer exists (莱芜市's 钢城区, now 济南's).
_RECENT: dict[str, str | None] = {
    "440309": "龙华区", "440310": "坪山区", "440311": "光明区",  # 深圳 2016, 2018
    "500155": "梁平区", "500156": "武隆区",  # 重庆 2016
    "330112": "临安区", "330113": "临平区", "330114": "钱塘区", "330213": "奉化区",  # 杭州 2017, 2021; 宁波 2016
    "510117": "郫都区", "510118": "新津区",  # 成都 2016, 2020
    "610118": "鄠邑区",  # 西安 2016
    "370114": "章丘区", "370115": "济阳区", "370116": "莱芜区", "370117": "钢城区", "371203": None,  # 济南 2016-2019
    "370215": "即墨区",  # 青岛 2017
    "350112": "长乐区",  # 福州 2017
    "530115": "晋宁区",  # 昆明 2016
    "630106": "湟中区",  # 西宁 2019
}


def main(source: str) -> None:
    codes: dict[str, str] = {}
    with open(source, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            codes[row["adcode"][:6]] = row["name"].strip()
    for code, name in _RECENT.items():
        if name is None:
            codes.pop(code, None)
        else:
            codes[code] = name
    by_name: dict[str, list[str]] = defaultdict(list)
    for code, name in codes.items():
        if code[4:6] != "00" and len(name) > 2 and name not in _GENERIC:
            by_name[name].append(code)
    kept: list[tuple[str, str]] = []
    for name, found in by_name.items():
        if len(found) > 1:
            ranked = sorted((c for c in found if c[:4] in _PREFERRED), key=lambda c: _PREFERRED.index(c[:4]))
            if not ranked or len(ranked) > 1 and ranked[0][:4] == ranked[1][:4]:
                continue
            found = ranked[:1]
        kept.append((found[0], name))
    kept.sort()
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# source: county-level divisions (区, 县, 县级市, 旗) of GB/T 2260 行政区划代码 as packaged in\n"
                 "#   cpca 0.5.5\n"
                 "#   (resources/adcodes.csv, MIT, https://github.com/DQinYuan/chinese_province_city_area_mapper);\n"
                 "#   selected by tools/build_counties.py: full names only, no two-character or generic names, a name\n"
                 "#   several divisions share kept for the one in the most prominent city; divisions set up\n"
                 "#   since (2016-2021: 深圳市龙华区, 杭州市钱塘区…) added from the Ministry of Civil Affairs'\n"
                 "#   lists of changes (民政部《县级以上行政区划变更情况》), see _RECENT in the tool\n")
        fh.write("# version: 2026.12.2\n")
        fh.write("code,name,short,abbr,level\n")
        for code, name in kept:
            fh.write(f"{code},{name},-,,county\n")
    print(f"{len(kept)} county-level divisions written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
