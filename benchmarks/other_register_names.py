"""Name tables, spellings and slips of the independent register generator
(``benchmarks/other_register.py``): written apart from :mod:`saylau.lists.demo`."""

from __future__ import annotations

import numpy as np

from saylau.law.iin import check_digit

MEN = [
    "Ерлан",
    "Нұрлан",
    "Асхат",
    "Бауыржан",
    "Дәурен",
    "Ерік",
    "Серік",
    "Мұрат",
    "Айдос",
    "Арман",
    "Жандос",
    "Қайрат",
    "Марат",
    "Нұрсұлтан",
    "Талғат",
    "Дархан",
    "Ержан",
    "Бекзат",
    "Әлішер",
    "Ғани",
    "Әміре",
    "Амангелді",
    "Ілияс",
    "Мақсат",
    "Рүстем",
    "Санжар",
    "Тимур",
    "Абай",
    "Бақытжан",
    "Жасұлан",
    "Нұржан",
    "Азамат",
    "Әділет",
    "Ерболат",
    "Олжас",
    "Темірлан",
    "Мейіржан",
    "Ғалым",
    "Дамир",
    "Руслан",
    "Сергей",
    "Александр",
    "Андрей",
    "Дмитрий",
    "Виктор",
    "Николай",
    "Игорь",
    "Алексей",
    "Владимир",
    "Юрий",
    "Ринат",
    "Фарид",
    "Рустам",
    "Шамиль",
    "Бахтияр",
    "Улугбек",
    "Отабек",
    "Ильдар",
    "Вячеслав",
    "Константин",
]
WOMEN = [
    "Айгүл",
    "Гүлнар",
    "Айнұр",
    "Дана",
    "Жанар",
    "Әсел",
    "Мөлдір",
    "Ләззат",
    "Сәуле",
    "Гүлмира",
    "Назерке",
    "Аружан",
    "Динара",
    "Айжан",
    "Жұлдыз",
    "Ақмарал",
    "Әйгерім",
    "Балжан",
    "Меруерт",
    "Шынар",
    "Салтанат",
    "Ботагөз",
    "Қарлығаш",
    "Гүлжан",
    "Ұлжан",
    "Перизат",
    "Інжу",
    "Зарина",
    "Камила",
    "Алия",
    "Елена",
    "Ольга",
    "Татьяна",
    "Наталья",
    "Ирина",
    "Светлана",
    "Марина",
    "Юлия",
    "Анна",
    "Людмила",
    "Гульнара",
    "Лилия",
    "Эльвира",
    "Диляра",
    "Наргиза",
    "Феруза",
    "Мадина",
    "Айсулу",
    "Томирис",
]
ROOTS = [
    "Ахмет",
    "Сейіт",
    "Жұмабай",
    "Нұрлыбай",
    "Қасым",
    "Оспан",
    "Төлеген",
    "Есім",
    "Бекмұхамбет",
    "Сәрсенбай",
    "Жақып",
    "Мұқан",
    "Тоқтар",
    "Әбіл",
    "Ысқақ",
    "Құдайберген",
    "Байжан",
    "Шәріп",
    "Омар",
    "Ибрай",
    "Қожахмет",
    "Дәулет",
    "Есен",
    "Тұрсын",
    "Әлімжан",
    "Байтұрсын",
    "Қалиақпар",
    "Мамыр",
    "Ержан",
    "Жанұзақ",
    "Серғазы",
    "Әубәкір",
    "Ізбасар",
    "Ғаббас",
    "Иван",
    "Петр",
    "Смирн",
    "Кузнец",
    "Попов",
    "Соколов",
    "Лебедев",
    "Козлов",
    "Новиков",
    "Морозов",
    "Волков",
    "Павлов",
    "Сидор",
    "Ким",
    "Пак",
    "Цой",
    "Хван",
    "Ли",
    "Юсуп",
    "Рахим",
    "Каримов",
    "Алиев",
    "Гасан",
    "Мамед",
    "Шакир",
    "Гарип",
    "Валиев",
    "Хасан",
]
KK_TO_RU = str.maketrans("ӘәҒғҚқҢңӨөҰұҮүІіҺһ", "АаГгКкНнОоУуУуИиХх")
LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ә": "a",
    "ғ": "gh", "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "і": "i", "һ": "h",
}  # fmt: skip
#: Keys next to each other on the Russian keyboard (ЙЦУКЕН): the typist's slips.
ROWS = ("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю")


class Zipf:
    """Draws from ``names`` with weight ``1/k**power`` (pre-drawn in bulk: fast)."""

    def __init__(self, rng: np.random.Generator, names: list[str], power: float = 1.05) -> None:
        w = 1.0 / np.arange(1, len(names) + 1) ** power
        self.names, self.rng, self.p = names, rng, w / w.sum()
        self.buf: list[int] = []

    def __call__(self) -> str:
        if not self.buf:
            self.buf = self.rng.choice(len(self.names), 65_536, p=self.p).tolist()
        return self.names[self.buf.pop()]


def surname(root: str, female: bool) -> str:
    if root in ("Ким", "Пак", "Цой", "Хван", "Ли"):
        return root
    if root.endswith(("ов", "ев", "ин")):
        return root + ("а" if female else "")
    if root[-1] in "аеёиоуыэюяәөұүі":
        return root + ("ева" if female else "ев")
    return root + ("ова" if female else "ов")


def patronymic(father: str, female: bool, kazakh: bool) -> str:
    if kazakh:
        return father + ("қызы" if female else "ұлы")
    ru = father.translate(KK_TO_RU)
    if ru[-1] in "йь":
        return ru[:-1] + ("евна" if female else "евич")
    if ru[-1] in "иеэ":
        return ru + ("евна" if female else "евич")
    if ru[-1] in "аяоу":
        return ru[:-1] + ("ична" if female else "ич")
    return ru + ("овна" if female else "ович")


def latin(text: str) -> str:
    out = "".join(LATIN.get(c.lower(), c.lower()) for c in text)
    return out[:1].upper() + out[1:]


def typo(rng: np.random.Generator, name: str) -> str:
    i = int(rng.integers(1, len(name)))
    c = name[i].lower()
    way = rng.random()
    if way < 0.25:
        return name[:i] + name[i + 1 :]
    if way < 0.4:
        return name[:i] + name[i] + name[i:]
    for row in ROWS:
        if c in row:
            j = row.index(c)
            return name[:i] + row[j + 1 if j + 1 < len(row) else j - 1] + name[i + 1 :]
    return name[:i] + name[i + 1 :]


def slip(rng: np.random.Generator, iin: str, lo: int = 0) -> str:
    """One slip at position ``lo`` or later, leaving an invalid IIN."""
    for _ in range(50):
        i = int(rng.integers(lo, len(iin)))
        way = rng.random()
        if way < 0.2:
            out = iin[:i] + iin[i + 1 :]
        elif way < 0.5 and i < len(iin) - 1 and iin[i] != iin[i + 1]:
            out = iin[:i] + iin[i + 1] + iin[i] + iin[i + 2 :]
        else:
            out = iin[:i] + str((int(iin[i]) + int(rng.integers(1, 10))) % 10) + iin[i + 1 :]
        if len(out) != 12 or check_digit(out[:11]) != int(out[11]):
            return out
    return iin[:-1]
