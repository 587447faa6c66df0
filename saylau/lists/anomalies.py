"""Statistical screening of precinct results for observers and the CEC.

Each test points at precincts worth a second look and says why. **A flag is not proof**: a
precinct can be unusual for honest reasons (a hospital, a military unit, a village that votes
as one); a clean-looking precinct can still be wrong. The tests compare a precinct with
*similar precincts* (the ``group`` the caller gives, normally its district; with fewer than
``MIN_GROUP`` precincts the whole election) using robust statistics (median and MAD), so that
the outliers themselves do not hide in the yardstick.

Tests (``Flag.code``):

* ``leader_per_voter``: the leader's votes per registered voter far above similar precincts
  while turnout is also above them. Ballot stuffing for the leader raises exactly this number
  by the stuffed share of the list, whatever the turnout was.
* ``turnout_and_share``: turnout and the leader's share of the valid votes both unusually
  high together (the classic "turnout against leader's share" cloud).
* ``round_numbers``: most of the precinct's figures end in 0 (honest counts end in 0 one time
  in ten); ``last_digit`` (a group result): the last digits of a district's counts are far
  from uniform (chi-square).
* ``home_voting``: an unusual share of ballots issued for voting outside the premises.
* ``late_entry``: the protocol was entered long after the polls closed.

Measured on synthetic elections in ``benchmarks/anomaly_screening.py`` (docs/benchmarks.md).

>>> rows = [PrecinctFigures(str(i), "d", 1000, 603 + i, 591 + i, {"A": 301 + i, "B": 290})
...         for i in range(9)]
>>> rows.append(PrecinctFigures("x", "d", 1000, 803, 791, {"A": 501, "B": 290}))
>>> [(f.precinct, f.code) for f in screen(rows).flags]
[('x', 'leader_per_voter'), ('x', 'turnout_and_share')]
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

#: Fewer precincts than this in a group: compare with the whole election instead.
MIN_GROUP = 8
#: Robust z above which a precinct's leader-per-voter stands out (one-sided).
LEADER_PER_VOTER_Z = 2.5
#: ... while its turnout is at least this robust z above similar precincts.
TURNOUT_SUPPORT_Z = 0.5
#: Both turnout and the leader's share above this robust z.
JOINT_Z = 2.5
#: Home-voting share robust z, and the least share that can count as unusual.
HOME_Z = 4.0
HOME_MIN_SHARE = 0.08
#: Hours after the close of the polls after which an entry is late.
LATE_HOURS = 12.0
#: Figures a round-number test needs, and how many of them must end in 0.
ROUND_MIN_FIGURES = 4
ROUND_SHARE = 0.75
#: Last-digit test of a group: counts of at least this size, p-value below this.
LAST_DIGIT_MIN_COUNT = 100
LAST_DIGIT_P = 0.001


@dataclass(frozen=True)
class PrecinctFigures:
    """What the screening reads of one precinct protocol."""

    precinct: str
    group: str
    voters: int
    ballots: int  # ballots issued (premises + outside)
    valid: int
    votes: Mapping[str, int]
    outside: int = 0  # ballots issued for voting outside the premises
    hours_after_close: float | None = None


@dataclass(frozen=True)
class Flag:
    precinct: str  # or the group, for a group test
    code: str
    score: float
    params: Mapping[str, float | str] = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        return explain(self.code, lang)


@dataclass(frozen=True)
class Screening:
    flags: list[Flag]
    group_flags: list[Flag]
    leader: str

    def flagged(self) -> set[str]:
        return {f.precinct for f in self.flags}


NOT_PROOF = {
    "en": "A flag is not proof.",
    "ru": "Отметка — не доказательство.",
    "kk": "Белгі дәлел емес.",
}

_EXPLANATIONS: dict[str, dict[str, str]] = {
    "leader_per_voter": {
        "en": "The leader's votes per registered voter are far above similar precincts while "
        "turnout is also higher: what ballots added for the leader would look like.",
        "ru": "Голосов за лидера на одного избирателя в списке намного больше, чем на похожих "
        "участках, и явка тоже выше: так выглядел бы вброс бюллетеней за лидера.",
        "kk": "Тізімдегі бір сайлаушыға шаққандағы көшбасшы дауыстары ұқсас учаскелерден "
        "әлдеқайда көп, келу де жоғары: көшбасшы үшін бюллетень салу осылай көрінер еді.",
    },
    "turnout_and_share": {
        "en": "Turnout and the leader's share are both unusually high compared with similar "
        "precincts.",
        "ru": "И явка, и доля лидера необычно высоки по сравнению с похожими участками.",
        "kk": "Келу де, көшбасшы үлесі де ұқсас учаскелермен салыстырғанда әдеттен тыс жоғары.",
    },
    "round_numbers": {
        "en": "Most figures of the protocol end in 0; honest counts end in 0 about one time in "
        "ten.",
        "ru": "Большинство цифр протокола оканчиваются на 0; при честном подсчёте так бывает "
        "примерно в одном случае из десяти.",
        "kk": "Хаттаманың сандарының көбі 0-мен аяқталады; адал санауда бұл шамамен оннан бір "
        "жағдайда болады.",
    },
    "last_digit": {
        "en": "The last digits of this district's counts are far from evenly spread, as "
        "invented numbers tend to be.",
        "ru": "Последние цифры подсчётов этого округа распределены далеко не равномерно, как "
        "бывает у придуманных чисел.",
        "kk": "Бұл округтің санақтарының соңғы цифрлары біркелкі бөлінбеген, ойдан шығарылған "
        "сандарда осылай болады.",
    },
    "home_voting": {
        "en": "An unusual share of ballots was issued for voting outside the premises (at "
        "home) compared with similar precincts.",
        "ru": "Необычно большая доля бюллетеней выдана для голосования вне помещения (на "
        "дому) по сравнению с похожими участками.",
        "kk": "Ұқсас учаскелермен салыстырғанда үй-жайдан тыс (үйде) дауыс беруге берілген "
        "бюллетеньдер үлесі әдеттен тыс көп.",
    },
    "late_entry": {
        "en": "The protocol was entered long after the polls closed.",
        "ru": "Протокол введён спустя долгое время после закрытия участка.",
        "kk": "Хаттама учаске жабылғаннан кейін көп уақыт өткен соң енгізілген.",
    },
}


def explain(code: str, lang: str = "en") -> str:
    """The flag's explanation in ``lang`` (en, ru, kk), ending with "a flag is not proof"."""
    lang = lang if lang in NOT_PROOF else "en"
    return f"{_EXPLANATIONS[code][lang]} {NOT_PROOF[lang]}"


def robust_z(values: Sequence[float]) -> list[float]:
    """(x - median) / (1.4826 · MAD) for each value; a floor keeps a flat group finite.

    >>> [round(z, 2) for z in robust_z([1.0, 2.0, 3.0, 4.0, 100.0])]
    [-1.35, -0.67, 0.0, 0.67, 65.43]
    """
    if not values:
        return []
    med = _median(values)
    mad = _median([abs(v - med) for v in values]) * 1.4826
    scale = max(mad, 0.005, abs(med) * 0.01)
    return [(v - med) / scale for v in values]


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    n = len(ordered)
    mid = n // 2
    return ordered[mid] if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def leader_of(rows: Iterable[PrecinctFigures]) -> str:
    """The line with the most votes over all precincts (ties: the first code in order)."""
    total: dict[str, int] = defaultdict(int)
    for row in rows:
        for code, n in row.votes.items():
            total[code] += n
    return min(total, key=lambda c: (-total[c], c)) if total else ""


def _groups(rows: Sequence[PrecinctFigures]) -> list[list[int]]:
    by_group: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        by_group[row.group].append(i)
    small = [i for idx in by_group.values() if len(idx) < MIN_GROUP for i in idx]
    groups = [idx for idx in by_group.values() if len(idx) >= MIN_GROUP]
    if small:
        groups.append(small if len(small) >= MIN_GROUP else list(range(len(rows))))
    return groups


def _zs(rows: Sequence[PrecinctFigures], values: Sequence[float]) -> list[float]:
    out = [0.0] * len(rows)
    for idx in _groups(rows):
        for i, z in zip(idx, robust_z([values[i] for i in idx]), strict=True):
            out[i] = z
    return out


def _round_flag(row: PrecinctFigures) -> Flag | None:
    figures = [n for n in (row.ballots, row.valid, *row.votes.values()) if n >= 10]
    if len(figures) < ROUND_MIN_FIGURES:
        return None
    zeros = sum(1 for n in figures if n % 10 == 0)
    if zeros < ROUND_SHARE * len(figures):
        return None
    return Flag(row.precinct, "round_numbers", zeros / len(figures), {"of": len(figures)})


def last_digit_p(counts: Iterable[int]) -> float:
    """p-value of the chi-square test that the last digits are uniform (9 degrees of
    freedom; counts below ``LAST_DIGIT_MIN_COUNT`` are left out). 1.0 for too few counts.

    >>> last_digit_p([100 + 10 * i for i in range(60)]) < 0.001
    True
    """
    digits = [n % 10 for n in counts if n >= LAST_DIGIT_MIN_COUNT]
    if len(digits) < 50:
        return 1.0
    expected = len(digits) / 10
    chi2 = sum((digits.count(d) - expected) ** 2 / expected for d in range(10))
    return _chi2_sf_9(chi2)


def _chi2_sf_9(x: float) -> float:
    """Survival function of chi-square with 9 degrees of freedom (closed form, odd k)."""
    if x <= 0:
        return 1.0
    half = x / 2
    # Q(9/2, x/2) = erfc(sqrt(x/2)) + e^{-x/2} * sum_{k=1..4} (x/2)^{k-1/2} / Gamma(k+1/2)
    total = math.erfc(math.sqrt(half))
    for k in range(1, 5):
        total += math.exp(-half + (k - 0.5) * math.log(half) - math.lgamma(k + 0.5))
    return min(1.0, total)


def screen(rows: Sequence[PrecinctFigures], *, late_hours: float = LATE_HOURS) -> Screening:
    """Every flag of every precinct (and the group flags of the last-digit test)."""
    leader = leader_of(rows)
    turnout = [r.ballots / r.voters if r.voters else 0.0 for r in rows]
    share = [r.votes.get(leader, 0) / r.valid if r.valid else 0.0 for r in rows]
    per_voter = [r.votes.get(leader, 0) / r.voters if r.voters else 0.0 for r in rows]
    home = [r.outside / r.ballots if r.ballots else 0.0 for r in rows]
    z_turnout, z_share = _zs(rows, turnout), _zs(rows, share)
    z_per_voter, z_home = _zs(rows, per_voter), _zs(rows, home)
    flags: list[Flag] = []
    for i, row in enumerate(rows):
        p = row.precinct
        if z_per_voter[i] > LEADER_PER_VOTER_Z and z_turnout[i] > TURNOUT_SUPPORT_Z:
            flags.append(Flag(p, "leader_per_voter", z_per_voter[i], {"z": z_per_voter[i]}))
        if z_turnout[i] > JOINT_Z and z_share[i] > JOINT_Z:
            score = min(z_turnout[i], z_share[i])
            flags.append(Flag(p, "turnout_and_share", score, {"turnout": turnout[i]}))
        round_flag = _round_flag(row)
        if round_flag is not None:
            flags.append(round_flag)
        if z_home[i] > HOME_Z and home[i] >= HOME_MIN_SHARE:
            flags.append(Flag(p, "home_voting", z_home[i], {"share": home[i]}))
        if row.hours_after_close is not None and row.hours_after_close > late_hours:
            flags.append(Flag(p, "late_entry", row.hours_after_close, {"hours": late_hours}))
    group_flags = []
    by_group: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        by_group[row.group] += [row.valid, *row.votes.values()]
    for group, counts in sorted(by_group.items()):
        p_value = last_digit_p(counts)
        if p_value < LAST_DIGIT_P:
            group_flags.append(Flag(group, "last_digit", p_value, {"p": p_value}))
    return Screening(flags=flags, group_flags=group_flags, leader=leader)
