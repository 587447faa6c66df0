"""Name pools of the synthetic region: Kazakh, Russian and other families of Zhambyl oblast.

Every first name is one entry of :data:`FIRST_NAMES` with its registry spellings (Kazakh
Cyrillic and the usual Russian spelling, which fold to the same form under
``saylau.law.names.fold_name``) and, for men, the patronymics it gives (-ұлы/-қызы and
-ович/-овна, equal under ``canonical_patronymic``). Surnames come in male/female pairs
(-ов/-ова, -ев/-ева, -ин/-ина, Kazakh -ұлы/-қызы); Ukrainian, German and Korean surnames do
not change with sex. The pools are invented from common names, not taken from any register.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from saylau.law.names import MATCH_FOLD

#: Ethnic groups (pool names) with their share of households. Roughly the oblast's make-up
#: (Kazakhs about three quarters); an approximation for realism, not a statistic.
GROUPS: Final = ("kz", "ru", "uz", "ua", "de", "ko", "az")
GROUP_WEIGHTS: Final = (0.76, 0.09, 0.035, 0.015, 0.015, 0.02, 0.065)

_RU_OF_KK = str.maketrans(
    {k: (v if k.islower() else v.upper()) for k, v in MATCH_FOLD.items() if v and k != v}
)


def ru_spelling(kk: str) -> str:
    """The Russian spelling of a Kazakh name: each Kazakh letter to its Russian neighbour.

    >>> ru_spelling("Нұрлан"), ru_spelling("Әділ"), ru_spelling("Құрманқызы")
    ('Нурлан', 'Адил', 'Курманкызы')
    """
    return kk.translate(_RU_OF_KK)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


@dataclass(frozen=True)
class FirstName:
    group: str
    sex: str  # "M" / "F"
    kk: str  # registry spelling with Kazakh letters (equal to ru for other groups)
    ru: str  # Russian spelling
    pat_kk: tuple[str, str] = ("", "")  # son, daughter (Kazakh -ұлы/-қызы, Azeri оглы/кызы)
    pat_ru: tuple[str, str] = ("", "")  # son, daughter (-ович/-овна)


def _ru_patronymic(ru: str) -> tuple[str, str]:
    if ru.endswith("ий"):
        stem = ru[:-2] + ("ь" if ru[-3] not in "тр" else "и")
        return stem + "евич", stem + "евна"
    if ru.endswith(("ей", "ай")):
        return ru[:-1] + "евич", ru[:-1] + "евна"
    if ru.endswith("ь"):
        return ru[:-1] + "евич", ru[:-1] + "евна"
    if ru.endswith(("и", "е", "і", "а", "я")):  # Ғани -> Ганиевич, Әміре -> Амиреевич
        return ru + "евич", ru + "евна"
    if ru.endswith(("ж", "ш", "ч", "щ", "ц")):
        return ru + "евич", ru + "евна"
    return ru + "ович", ru + "овна"


_KZ_MALE = _words(
    "Нұрлан Серік Бақыт Ерлан Асқар Дәурен Ержан Бауыржан Жандос Қайрат Мұрат Ғалым Төлеген "
    "Ерболат Нұрсұлтан Айдос Әділ Арман Бекзат Дархан Ерасыл Жасұлан Қанат Мақсат Нұржан "
    "Олжас Рүстем Самат Талғат Темірлан Ұлан Шыңғыс Әлібек Бекжан Дәулет Елдос Жеңіс Қуаныш "
    "Мейрам Нұрбол Абай Ілияс Санжар Алмас Болат Ақжол Бағлан Серікбай Ербол Марат Руслан "
    "Азамат Ғабит Өмірзақ Сұлтан Тимур Ернұр Қасым Бекболат Жақсылық Есен "
    # names ending in a vowel: the Russian patronymic is -иевич/-еевич (Ғани -> Ганиевич)
    "Ғани Амангелді Әміре Әли Мұса Иса Жұмаәли Нұрғали Қали Бегали Сәли Мәди Тұрсынәли "
    "Ақылбек Айбек Айдар Айтжан Ақан Алдияр Алпамыс Аманжол Асан Асхат Әбілқасым Әбу Әнуар "
    "Бағдат Бақберген Бахтияр Бейбіт Бекарыс Болатбек Ғазиз Дамир Дастан Дәнияр Ділмұрат "
    "Досжан Ерік Ермек Ерназар Ескендір Жанболат Жарас Жомарт Жұмабек Зейнолла Ислам Кенжебек "
    "Қабылбек Қажымұқан Қалдыбек Құрманғазы Майлыбек Мағжан Мейірбек Мирас Мұхтар Мырзабек "
    "Нартай Нұрдәулет Нұрлыбек Омар Оразалы Өтеген Рамазан Расул Рахат Сабыр Сағат Сайран "
    "Сапар Сейіт Серғазы Сырым Тайыр Талап Тілеу Төрехан Ұлықбек Халел Шамшат Шерхан Ықылас "
    "Ырысбек Әбдірахман Бағжан Бекнұр Дидар Ельжас Жігер Қайсар Мерей Нұрасыл Нұрдос Орынбасар "
    "Сұңқар Тоқтар Шалқар Ақберген Әмір Бибол Есет Жандар Қуат Мұхамеджан Серікжан Қожа"
)
_KZ_FEMALE = _words(
    "Айгүл Гүлнар Әлия Динара Жанар Сәуле Айжан Меруерт Ақбота Назерке Аружан Жансая Мадина "
    "Гүлмира Баян Ақмарал Дана Томирис Аяулым Ділназ Камила Зарина Салтанат Перизат Әсел "
    "Мөлдір Балжан Күлпаш Ұлжан Шынар Нұргүл Раушан Айнұр Гүлжан Жұлдыз Бибігүл Алма Іңкәр "
    "Қамшат Нұрсұлу Айымжан Ләззат Сымбат Ботагөз Қарлығаш Әйгерім Гаухар Сания Үміт Шаһизада Зуһра "
    "Айсұлу Айдана Айша Ақерке Ақжарқын Алтынай Анар Арайлым Асем Асыл Аягөз Бағила Бақыткүл "
    "Гүлдана Гүлшат Гүлсара Дариға Дильда Елнұр Еркежан Жаннат Жібек Жазира Жұпар Зейнеп "
    "Зере Инабат Қарақат Қыздарқан Қуралай Ләйлә Мақпал Мейрамгүл Нәзира Нұрай "
    "Нұржамал Роза Сабина Сандуғаш Сара Сәбира Таңшолпан Толқын Тұмар Ұлбосын Ұлдана "
    "Фариза Хадиша Шолпан Эльвира Әзиза Әлфия Бақытгүл Гүлбану Данагүл Жадыра "
    "Күнсұлу Ақниет Меңдігүл Нұрсая Райхан Рысжан Сәнім Тоғжан Ұмсынай Шырын"
)
#: Russian spellings that add a soft sign (still fold-equal to the Kazakh spelling).
_RU_OVERRIDE = {
    "Айгүл": "Айгуль",
    "Гүлнар": "Гульнар",
    "Гүлмира": "Гульмира",
    "Гүлжан": "Гульжан",
    "Нұргүл": "Нургуль",
    "Бибігүл": "Бибигуль",
    "Әділ": "Адиль",
    "Әсел": "Асель",
    "Ділназ": "Дильназ",
    "Ләззат": "Лаззат",
    "Іңкәр": "Инкар",
    "Шаһизада": "Шахизада",
    "Зуһра": "Зухра",
}
_RU_MALE = _words(
    "Александр Сергей Андрей Дмитрий Владимир Николай Виктор Алексей Евгений Иван Михаил "
    "Павел Олег Игорь Юрий Максим Денис Роман Артём Константин Вадим Геннадий Валерий "
    "Анатолий Василий Станислав Борис Григорий Степан Фёдор"
)
_RU_FEMALE = _words(
    "Елена Ольга Наталья Татьяна Ирина Светлана Марина Анна Екатерина Юлия Людмила Галина "
    "Надежда Оксана Валентина Мария Алёна Дарья Анастасия Виктория Ксения Полина Софья Вера "
    "Любовь Лариса"
)
_UZ_MALE = _words("Бахтиёр Шерзод Улугбек Рустам Фаррух Жасур Азиз Отабек Дильшод Бобур Тимур")
_UZ_FEMALE = _words(
    "Дилноза Гулнора Нилуфар Шахноза Мохира Феруза Малика Севара Зульфия Умида Гулчехра "
    "Барно Дилфуза Мунира Нодира Озода Саодат"
)
_AZ_MALE = _words("Эльдар Рашид Ильхам Вугар Эльчин Рамиль Фарид Ахмед Мехмет Кемал")
_AZ_FEMALE = _words(
    "Айгюн Севиль Лейла Гюльнара Эльмира Сабина Айтен Наргиз Зарема Фатима Ханум Эсма Зейнеп "
    "Гюльшен Аида Самира Ульвия Нигяр Кямаля Туране"
)


def _build_first_names() -> tuple[FirstName, ...]:
    out: list[FirstName] = []
    for kk in _KZ_MALE:
        ru = _RU_OVERRIDE.get(kk, ru_spelling(kk))
        out.append(FirstName("kz", "M", kk, ru, (kk + "ұлы", kk + "қызы"), _ru_patronymic(ru)))
    for kk in _KZ_FEMALE:
        out.append(FirstName("kz", "F", kk, _RU_OVERRIDE.get(kk, ru_spelling(kk))))
    slavic = {"ru": (_RU_MALE, _RU_FEMALE), "uz": (_UZ_MALE, _UZ_FEMALE)}
    for group in ("ua", "de", "ko"):
        slavic[group] = (_RU_MALE, _RU_FEMALE)
    for group, (males, females) in slavic.items():
        for name in males:
            pat = _ru_patronymic(name)
            out.append(FirstName(group, "M", name, name, pat, pat))
        out.extend(FirstName(group, "F", name, name) for name in females)
    for name in _AZ_MALE:
        out.append(
            FirstName("az", "M", name, name, (name + " оглы", name + " кызы"), _ru_patronymic(name))
        )
    out.extend(FirstName("az", "F", name, name) for name in _AZ_FEMALE)
    return tuple(out)


FIRST_NAMES: Final = _build_first_names()

_KZ_SURNAMES = _words(
    "Серікбаев Нұрланов Жұмабаев Әбдіров Омаров Сейітов Тоқтаров Байжанов Қасымов Ахметов "
    "Әлиев Исаев Мұратов Садықов Бекмұратов Төлеубаев Жақсылықов Есенов Қожахметов Сұлтанов "
    "Оспанов Бейсенов Әбенов Досжанов Қалиев Мамыров Сәрсенбаев Ибраимов Тұрсынов "
    "Құдайбергенов Нұрмағамбетов Шалабаев Ысқақов Үсенов Әміров Ержанов Құрманов Сыздықов "
    "Жолдасбеков Қыдырбаев Бөлекбаев Әуезов Тастанов Мырзахметов Кенжебеков Байтұрсынов "
    "Рахымжанов Әбілқасымов Сағынтаев Жүнісов Мұхаметжанов Темірбеков Ағыбаев Шәріпов "
    "Қуанышев Бақытжанов Ордабаев Тілеуов Ермекин Нұрпейісов Дүйсенбин Сарыбаев Ілиясов "
    "Абдуллаев Ақылбеков Алдабергенов Амантаев Әбішев Байболов Байділдаев Бекенов Бердіқұлов "
    "Бисенов Дауылбаев Есімов Жанпейісов Жарылғапов Жолдыбаев Исабеков Кәрімов Қалдыбаев "
    "Қаражанов Құлбаев Мақашев Маханов Мусин Назарбаев Нұрахметов Оразбаев Сапаров Сейдахметов "
    "Сүлейменов Тоқаев Тұяқбаев Уәлиханов Шәкенов Ыбыраев Әшімов Бейсембаев Жұмағұлов Көшербаев"
)
_RU_SURNAMES = _words(
    "Иванов Петров Смирнов Кузнецов Попов Васильев Соколов Михайлов Новиков Фёдоров Морозов "
    "Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев "
    "Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Сергеев "
    "Кузьмин Фролов Александров Дмитриев Королёв Гусев Ильин Максимов Поляков Сорокин "
    "Виноградов Белов Медведев Антонов Тарасов Жуков Баранов Комаров Давыдов Беляев Богданов "
    "Осипов Сидоров Матвеев Титов Марков Миронов Крылов Куликов Карпов Власов Мельников "
    "Денисов Фомин Чернов"
)
_UZ_SURNAMES = _words("Каримов Рахимов Юсупов Назаров Турсунов Хасанов Алимов Рашидов Усманов")
_AZ_SURNAMES = _words("Алиев Гасанов Мамедов Гусейнов Исмаилов Кадыров Юсуфов Шахбазов")
_UA_SURNAMES = _words("Шевченко Бондаренко Коваленко Ткаченко Кравченко Олейник Мельничук")
_DE_SURNAMES = _words("Шмидт Мюллер Шульц Вагнер Беккер Вебер Майер Краузе Гартман")
_KO_SURNAMES = ["Ким", "Пак", "Ли", "Цой", "Тен", "Хан", "Югай", "Шин", "Огай"]


def _build_surnames() -> dict[str, tuple[tuple[str, str], ...]]:
    def paired(bases: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        return tuple((b, b + "а") for b in bases)

    kz = list(paired(_KZ_SURNAMES))
    # The long tail: surnames from a forefather's name (Мирас -> Мирасов, Ғани -> Ғаниев).
    known = {b for b, _ in kz}
    for m in _KZ_MALE[60:]:
        base = m + ("ев" if m[-1] in "аеиіә" else "ов")
        if base not in known:
            kz.append((base, base + "а"))
    # Kazakh surnames of the -ұлы / -қызы form, from a forefather's name.
    kz += [(m + "ұлы", m + "қызы") for m in _KZ_MALE[::4]]
    return {
        "kz": tuple(kz),
        "ru": paired(_RU_SURNAMES),
        "uz": paired(_UZ_SURNAMES),
        "az": paired(_AZ_SURNAMES),
        "ua": tuple((s, s) for s in _UA_SURNAMES),
        "de": tuple((s, s) for s in _DE_SURNAMES),
        "ko": tuple((s, s) for s in _KO_SURNAMES),
    }


SURNAMES: Final = _build_surnames()

#: Kazakh letters, for the check that they appear in generated names.
KAZAKH_LETTERS: Final = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
