"""The territory of the synthetic region: districts, precincts and their localities.

Default: Zhambyl oblast (tests/data/zhambyl_oblast_facts.json): Taraz, a city of
oblast significance, and the ten districts. At scale 1 about 690,000 voters (the 2022
referendum lists, derived) in about 490 precincts (492 in 2021-2022), 18 of them special
(hospitals, military units, remote pastures, detention). The towns Shu, Karatau and Zhanatas
are localities of the Shu, Talas and Sarysu districts; their names, and the district names
other than Zhualy, T. Ryskulov and Zhambyl, are UNCONFIRMED in the facts file. The shares of
voters per district are approximations for realism, not statistics.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from saylau.lists.rules import PRECINCT_MAX_VOTERS

REGION: Final = {
    "code": "ZHA",
    "name_kk": "Жамбыл облысы",
    "name_ru": "Жамбылская область",
    "name_en": "Zhambyl oblast",
}
VOTERS_AT_SCALE_1: Final = 690_000
SPECIAL_AT_SCALE_1: Final = 18
#: Largest list a clean precinct gets: a few Taraz precincts come near the maximum.
CLEAN_PRECINCT_MAX: Final = PRECINCT_MAX_VOTERS - 60


@dataclass(frozen=True)
class District:
    code: str
    name_kk: str
    name_ru: str
    kind: str  # "district" | "city"
    share: float  # of the region's voters
    mean_precinct: int  # voters per ordinary precinct
    centre: str  # locality of the district centre (Russian form, as in addresses)
    towns: tuple[str, ...] = ()  # further urban localities


DISTRICTS: Final = (
    District("TAR", "Тараз қаласы", "город Тараз", "city", 0.350, 2200, "г. Тараз"),
    District("BAY", "Байзақ ауданы", "Байзакский район", "district", 0.085, 1180, "с. Сарыкемер"),
    District("ZHM", "Жамбыл ауданы", "Жамбылский район", "district", 0.075, 1330, "с. Аса"),
    District(
        "ZHU", "Жуалы ауданы", "Жуалынский район", "district", 0.045, 1020, "с. Бауыржан Момышулы"
    ),
    District("KOR", "Қордай ауданы", "Кордайский район", "district", 0.125, 1380, "с. Кордай"),
    District("MER", "Мерке ауданы", "Меркенский район", "district", 0.075, 1330, "с. Мерке"),
    District("MOI", "Мойынқұм ауданы", "Мойынкумский район", "district", 0.030, 820, "с. Мойынкум"),
    District("SAR", "Сарысу ауданы", "Сарысуский район", "district", 0.035, 1330, "г. Жанатас"),
    District("TAL", "Талас ауданы", "Таласский район", "district", 0.045, 1330, "г. Каратау"),
    District("SHU", "Шу ауданы", "Шуский район", "district", 0.095, 1280, "с. Толе би", ("г. Шу",)),
    District(
        "RYS",
        "Тұрар Рысқұлов ауданы",
        "район имени Турара Рыскулова",
        "district",
        0.040,
        1150,
        "с. Кулан",
    ),
)

_VILLAGES = [
    "Ақсу",
    "Қызылту",
    "Жаңаталап",
    "Қаракемер",
    "Бесағаш",
    "Көктал",
    "Саудакент",
    "Жетітөбе",
    "Шалдовар",
    "Қаратөбе",
    "Төреқұлов",
    "Үшбұлақ",
    "Айшабибі",
    "Ақбұлақ",
    "Алғабас",
    "Бірлік",
    "Жайсаң",
    "Кеңес",
    "Қостөбе",
    "Сарыбұлақ",
    "Талапты",
    "Жаңаарық",
    "Көкбастау",
    "Ынтымақ",
    "Нұрлыкент",
    "Тасөткел",
    "Қарасу",
    "Ақтөбе",
    "Бөлтірік",
    "Қайнар",
]
STREETS: Final = [
    "ул. Абая",
    "ул. Толе би",
    "пр. Жамбыла",
    "ул. Сулейменова",
    "ул. Айтеке би",
    "ул. Казыбек би",
    "ул. Байзак батыра",
    "ул. Жибек жолы",
    "ул. Ауэзова",
    "ул. Кунаева",
    "ул. Бауыржана Момышулы",
    "ул. Желтоксан",
    "ул. Рыскулова",
    "ул. Абылай хана",
    "ул. Чокина",
    "ул. Сатпаева",
    "ул. Асанбая",
    "ул. Пушкина",
    "ул. Гагарина",
    "ул. Мира",
    "ул. Мамбет батыра",
    "ул. Есенберлина",
    "ул. Тауке хана",
    "мкр. Астана",
    "мкр. Самал",
    "мкр. Карасу",
    "мкр. Восточный",
    "ул. Ниеткалиева",
    "ул. Койгельды",
    "ул. Сыпатай батыра",
    "ул. Жамбыла",
    "ул. Байтурсынова",
    "ул. Майлина",
    "ул. Иманова",
    "ул. Махамбета",
]
SPECIAL_KINDS: Final = ("hospital", "military", "pasture", "detention")
_SPECIAL_PLACES: Final = {
    "hospital": "областная больница",
    "military": "войсковая часть",
    "pasture": "отгонное пастбище",
    "detention": "следственный изолятор",
}
#: Of the 18 special precincts at scale 1: where they are and what they are.
_SPECIAL_PLAN: Final = (
    ("TAR", "hospital"),
    ("TAR", "military"),
    ("TAR", "detention"),
    ("TAR", "hospital"),
    ("KOR", "military"),
    ("MOI", "pasture"),
    ("SAR", "pasture"),
    ("SHU", "hospital"),
    ("TAR", "hospital"),
    ("MER", "hospital"),
    ("SHU", "pasture"),
    ("TAR", "military"),
    ("ZHM", "hospital"),
    ("BAY", "hospital"),
    ("RYS", "military"),
    ("TAR", "hospital"),
    ("KOR", "hospital"),
    ("TAL", "hospital"),
)
#: Voters staying in a special precinct on election day (low, high) at scale 1.
SPECIAL_SIZE: Final = {
    "hospital": (40, 220),
    "military": (150, 700),
    "pasture": (20, 120),
    "detention": (60, 250),
}


@dataclass
class PrecinctPlan:
    """One precinct: its number, district, kind, locality and its target list size."""

    number: int
    district: str
    kind: str  # ordinary | special
    special_kind: str  # "" or one of SPECIAL_KINDS
    locality: str
    urban: bool
    target: int  # eligible voters (ordinary: residents; special: voters staying there)
    polling_address: str = ""
    streets: tuple[str, ...] = ()
    block: int = 0  # house numbers start at 1000 * block: precincts sharing a street differ


@dataclass
class ChunkPlan:
    """A batch of whole precincts of one district, generated and written together."""

    index: int
    district: District
    precincts: list[PrecinctPlan]


def plan_region(
    scale: float, rng: np.random.Generator, chunk_voters: int, min_precincts: int = 1
) -> list[ChunkPlan]:
    """Precinct numbers, sizes and chunks. Numbers run district by district; each chunk holds
    consecutive numbers, so lists written chunk by chunk are ordered by precinct number."""
    n_special = max(1, round(SPECIAL_AT_SCALE_1 * scale))
    specials: dict[str, list[str]] = {}
    for i in range(n_special):
        code, kind = _SPECIAL_PLAN[i % len(_SPECIAL_PLAN)]
        specials.setdefault(code, []).append(kind)
    chunks: list[ChunkPlan] = []
    number = 0
    for d in DISTRICTS:
        voters = VOTERS_AT_SCALE_1 * d.share * scale
        n_ord = max(min_precincts, round(voters / d.mean_precinct))
        mean = voters / n_ord
        low, high = 0.45 * mean, min(1.55 * mean, CLEAN_PRECINCT_MAX)
        targets = np.clip(rng.normal(mean, 0.28 * mean, n_ord), low, high)
        if d.kind == "city" and n_ord >= 20:
            near = rng.choice(n_ord, size=max(1, n_ord // 25), replace=False)
            targets[near] = rng.integers(CLEAN_PRECINCT_MAX - 150, CLEAN_PRECINCT_MAX, near.size)
        targets = np.maximum(np.rint(targets).astype(np.int64), 1)
        plans: list[PrecinctPlan] = []
        villages = [d.centre, *d.towns] + [f"с. {v}" for v in _VILLAGES]
        n_urban = n_ord if d.kind == "city" else max(1, n_ord // (4 if d.towns else 6))
        for i in range(n_ord):
            number += 1
            if d.kind == "city" or i < n_urban:
                locality = d.centre if i < n_urban - len(d.towns) or not d.towns else d.towns[0]
                urban = d.kind == "city" or locality.startswith("г.")
            else:
                locality = villages[(i - n_urban) % len(villages)]
                if (i - n_urban) >= len(villages):
                    locality += f" {(i - n_urban) // len(villages) + 1}"
                urban = False
            streets = tuple(STREETS[(i * 5 + k) % len(STREETS)] for k in range(5))
            p = PrecinctPlan(number, d.code, "ordinary", "", locality, urban, int(targets[i]))
            p.streets = streets
            p.block = i // 7
            p.polling_address = f"{locality}, {streets[0]}, {i % 60 + 1}, школа № {i + 1}"
            plans.append(p)
        for kind in specials.get(d.code, []):
            number += 1
            lo, hi = SPECIAL_SIZE[kind]
            size = max(3, round(int(rng.integers(lo, hi)) * min(1.0, scale * 4)))
            p = PrecinctPlan(number, d.code, "special", kind, d.centre, True, size)
            p.polling_address = f"{d.centre}, {_SPECIAL_PLACES[kind]}"
            plans.append(p)
        # Cut into chunks of whole precincts; a special precinct rides with the first chunk.
        current: list[PrecinctPlan] = []
        total = 0
        ordinary = [p for p in plans if p.kind == "ordinary"]
        for i, p in enumerate(ordinary):
            current.append(p)
            total += p.target
            left = len(ordinary) - i - 1
            if total >= chunk_voters and len(current) >= min_precincts and left >= min_precincts:
                chunks.append(ChunkPlan(len(chunks), d, current))
                current, total = [], 0
        if current:
            chunks.append(ChunkPlan(len(chunks), d, current))
        first = next(c for c in chunks if c.district is d)
        first.precincts.extend(p for p in plans if p.kind == "special")
    _renumber(chunks)
    return chunks


def _renumber(chunks: list[ChunkPlan]) -> None:
    """Numbers in the order the chunks are written (a special precinct follows its chunk)."""
    number = 0
    for chunk in chunks:
        chunk.precincts.sort(key=lambda p: (p.kind != "ordinary", p.number))
        for p in chunk.precincts:
            number += 1
            p.number = number
