"""Telephone area codes and postcodes a report prints: clues to where its agency is.

They only confirm a division already named (an ambiguous 鼓楼区, an OCR look-alike); they
never name one on their own. The tables hold only codes whose territory is certain; a code
shared by several cities lists them all, since a clue that is too wide only confirms less.
"""

from __future__ import annotations

import re

# 区号 -> the adcode prefixes (2 digits: a province or municipality; 4: a city) it serves.
AREA_CODES: dict[str, tuple[str, ...]] = {
    "010": ("11",), "021": ("31",), "022": ("12",), "023": ("50",),
    "020": ("4401",), "024": ("2101",), "025": ("3201",), "027": ("4201",),
    "028": ("5101", "5114", "5120"),  # 成都; 眉山 and 资阳 joined it
    "029": ("6101", "6104"),  # 西安 and 咸阳 share it
    "0898": ("46",),  # the whole of 海南
    # provincial capitals
    "0311": ("1301",), "0351": ("1401",), "0471": ("1501",), "0431": ("2201",),
    "0451": ("2301",), "0571": ("3301",), "0551": ("3401",), "0591": ("3501",),
    "0791": ("3601",), "0531": ("3701",), "0371": ("4101", "4102"),  # 郑州 and 开封
    "0731": ("4301", "4302", "4303"),  # 长沙, 株洲, 湘潭
    "0771": ("4501",), "0871": ("5301",), "0891": ("5401",), "0931": ("6201",),
    "0971": ("6301",), "0951": ("6401",), "0991": ("6501",),
    # 河北
    "0315": ("1302",), "0335": ("1303",), "0310": ("1304",), "0319": ("1305",),
    "0312": ("1306",), "0313": ("1307",), "0314": ("1308",), "0317": ("1309",),
    "0316": ("1310",), "0318": ("1311",),
    # 辽宁, 吉林
    "0411": ("2102",), "0412": ("2103",), "0413": ("2104",), "0414": ("2105",),
    "0415": ("2106",), "0416": ("2107",), "0417": ("2108",), "0418": ("2109",),
    "0419": ("2110",), "0427": ("2111",), "0410": ("2112",), "0421": ("2113",),
    "0429": ("2114",), "0432": ("2202",), "0434": ("2203",), "0437": ("2204",),
    "0435": ("2205",), "0439": ("2206",), "0438": ("2207",), "0436": ("2208",),
    "0433": ("2224",),
    # 江苏
    "0510": ("3202",), "0516": ("3203",), "0519": ("3204",), "0512": ("3205",),
    "0513": ("3206",), "0518": ("3207",), "0517": ("3208",), "0515": ("3209",),
    "0514": ("3210",), "0511": ("3211",), "0523": ("3212",), "0527": ("3213",),
    # 浙江
    "0574": ("3302",), "0577": ("3303",), "0573": ("3304",), "0572": ("3305",),
    "0575": ("3306",), "0579": ("3307",), "0570": ("3308",), "0580": ("3309",),
    "0576": ("3310",), "0578": ("3311",),
    # 安徽
    "0553": ("3402",), "0552": ("3403",), "0554": ("3404",), "0555": ("3405",),
    "0561": ("3406",), "0562": ("3407",), "0556": ("3408",), "0559": ("3410",),
    "0550": ("3411",), "0558": ("3412", "3416"),  # 阜阳 and 亳州
    "0557": ("3413",), "0564": ("3415",), "0566": ("3417",), "0563": ("3418",),
    # 福建
    "0592": ("3502",), "0594": ("3503",), "0598": ("3504",), "0595": ("3505",),
    "0596": ("3506",), "0599": ("3507",), "0597": ("3508",), "0593": ("3509",),
    # 江西
    "0798": ("3602",), "0799": ("3603",), "0792": ("3604",), "0790": ("3605",),
    "0701": ("3606",), "0797": ("3607",), "0796": ("3608",), "0795": ("3609",),
    "0794": ("3610",), "0793": ("3611",),
    # 山东
    "0532": ("3702",), "0533": ("3703",), "0632": ("3704",), "0546": ("3705",),
    "0535": ("3706",), "0536": ("3707",), "0537": ("3708",), "0538": ("3709",),
    "0631": ("3710",), "0633": ("3711",), "0539": ("3713",), "0534": ("3714",),
    "0635": ("3715",), "0543": ("3716",), "0530": ("3717",),
    # 河南
    "0379": ("4103",), "0375": ("4104",), "0372": ("4105",), "0392": ("4106",),
    "0373": ("4107",), "0391": ("4108",), "0393": ("4109",), "0374": ("4110",),
    "0395": ("4111",), "0398": ("4112",), "0377": ("4113",), "0370": ("4114",),
    "0376": ("4115",), "0394": ("4116",), "0396": ("4117",),
    # 湖北, 湖南
    "0714": ("4202",), "0719": ("4203",), "0717": ("4205",), "0710": ("4206",),
    "0712": ("4209",), "0716": ("4210",), "0713": ("4211",), "0718": ("4228",),
    "0734": ("4304",), "0739": ("4305",), "0730": ("4306",), "0736": ("4307",),
    "0744": ("4308",), "0737": ("4309",), "0735": ("4310",), "0746": ("4311",),
    "0745": ("4312",), "0738": ("4313",), "0743": ("4331",),
    # 广东
    "0754": ("4405",), "0755": ("4403",), "0756": ("4404",), "0757": ("4406",),
    "0750": ("4407",), "0759": ("4408",), "0758": ("4412",), "0752": ("4413",),
    "0769": ("4419",), "0760": ("4420",),
}

# The first two digits of a postcode -> the adcode prefix of its province.
POSTCODE_PROVINCES: dict[str, str] = {
    "10": "11", "20": "31", "30": "12", "40": "50",
    "01": "15", "02": "15", "03": "14", "04": "14", "05": "13", "06": "13", "07": "13",
    "11": "21", "12": "21", "13": "22", "15": "23", "16": "23",
    "21": "32", "22": "32", "23": "34", "24": "34", "25": "37", "26": "37", "27": "37",
    "31": "33", "32": "33", "33": "36", "34": "36", "35": "35", "36": "35",
    "41": "43", "42": "43", "43": "42", "44": "42", "45": "41", "46": "41", "47": "41",
    "51": "44", "52": "44", "53": "45", "54": "45", "55": "52", "56": "52", "57": "46",
    "61": "51", "62": "51", "63": "51", "64": "51", "65": "53", "66": "53", "67": "53",
    "71": "61", "72": "61", "73": "62", "74": "62", "75": "64", "81": "63",
    "83": "65", "84": "65", "85": "54",
}

# 0527-83512345, (0527)83512345, 010 12345678: an area code, then a 7- or 8-digit number.
_PHONE = re.compile(r"(?<![\d.-])[(（]?(0(?:10|2\d|[3-9]\d\d))(?:[)）]\s*|\s*[-－—]\s*|\s)"
                    r"\d{7,8}(?!\d)")
_POSTCODE = re.compile(r"(?:邮编|邮政编码)\s*[:：]?\s*(\d{6})(?!\d)")


def area_code_places(text: str) -> dict[str, str]:
    """The adcode prefixes the telephone numbers in `text` name, each with its area code."""
    found: dict[str, str] = {}
    for match in _PHONE.finditer(text):
        for prefix in AREA_CODES.get(match.group(1), ()):
            found.setdefault(prefix, match.group(1))
    return found


def postcode_provinces(text: str) -> dict[str, str]:
    """The province prefixes the labelled postcodes in `text` name, each with its code."""
    found: dict[str, str] = {}
    for match in _POSTCODE.finditer(text):
        province = POSTCODE_PROVINCES.get(match.group(1)[:2])
        if province is not None:
            found.setdefault(province, match.group(1))
    return found


# Two-digit prefixes that are a city: the municipalities.
_MUNICIPALITIES = frozenset({"11", "12", "31", "50"})


def contact_clue(adcode: str, text: str) -> str | None:
    """A telephone area code or postcode in `text` that agrees with `adcode`, described."""
    found = _area_code_clue(adcode, text, city_only=False)
    if found is not None:
        return found
    for prefix, code in postcode_provinces(text).items():
        if adcode.startswith(prefix):
            return f"the postcode {code}"
    return None


def city_contact_clue(adcode: str, text: str) -> str | None:
    """A telephone area code in `text` that names the city of `adcode` (or its municipality):
    a postcode, or 海南's one area code, names only a province, too wide a clue for some
    uses."""
    return _area_code_clue(adcode, text, city_only=True)


def _area_code_clue(adcode: str, text: str, city_only: bool) -> str | None:
    for prefix, code in area_code_places(text).items():
        if adcode.startswith(prefix) and (
                not city_only or len(prefix) == 4 or prefix in _MUNICIPALITIES):
            return f"the telephone area code {code}"
    return None
