"""The election calendar: statutory deadlines computed from the body and election day.

Each :class:`Deadline` carries the article (or the source) it comes from and ``unconfirmed``
when the notes could not confirm it for the current law (law-notes sections 3 and 4; article
numbers are those of the c. 2009-2011 English text unless stated).

>>> cal = {d.code: d for d in election_calendar("mazhilis", date(2023, 3, 19))}
>>> cal["lists_to_precincts"].on, cal["public_review"].on
(datetime.date(2023, 2, 27), datetime.date(2023, 3, 4))
>>> cal["results_published"].on
datetime.date(2023, 3, 29)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Literal

from .errors import LawError

Relation = Literal["by", "from", "on", "within"]


class UnknownBody(LawError):
    code = "calendar_unknown_body"


@dataclass(frozen=True)
class Deadline:
    """One date of the calendar: ``relation`` says whether it is a last day (``by``), a first
    day (``from``), the day itself (``on``) or the end of a period after the vote (``within``).
    """

    code: str
    on: date
    relation: Relation
    what: str
    article: str
    unconfirmed: str | None = None
    at: time | None = None
    #: where the notes found the rule (a web page, an older text), for the CEC's legal-basis
    #: page; ``article`` is the citation officials read (``saylau.law.citations.cite``).
    source: str = ""

    def describe(self, lang: str = "ru") -> str:
        """What falls due, in ``ru`` or ``kk`` (English: :attr:`what`).

        >>> election_calendar("maslikhat", date(2023, 3, 19))[-1].describe("kk")
        'аумақтық комиссия мәслихат сайлауының нәтижелерін жариялайды'
        """
        return CALENDAR_TEXT.get(self.code, {}).get(lang, self.what)

    def unconfirmed_in(self, lang: str = "ru") -> str | None:
        """:attr:`unconfirmed` in ``ru`` or ``kk`` (English: the field itself); for the CEC's
        legal-basis page only, never for a page or a document of officials or voters.

        >>> cal = {d.code: d for d in election_calendar("mazhilis", date(2023, 3, 19))}
        >>> cal["ballots_to_precincts"].unconfirmed_in("kk")
        'бабтың қолданыстағы мәтіні оқылмаған'
        """
        return note_in(self.code, "unconfirmed", lang, self.unconfirmed)

    def source_in(self, lang: str = "ru") -> str:
        """:attr:`source` in ``ru`` or ``kk`` (English: the field itself); the web address or
        the name of a text stays as written."""
        return note_in(self.code, "source", lang, self.source) or ""


def note_in(code: str, kind: str, lang: str, english: str | None) -> str | None:
    """A note (``unconfirmed`` or ``source``) of the deadline ``code`` in ``lang``; English,
    an unknown note or a deadline without one: ``english`` as given."""
    if not english or lang == "en":
        return english
    return NOTES_TEXT.get(code, {}).get(kind, {}).get(lang, english)


#: The developers' notes on each rule in Russian and Kazakh: why a point is not confirmed
#: against the current text of the law, and where the notes found the rule (law-notes sections
#: 3, 4 and 9). Shown only on the CEC's legal-basis page.
NOTES_TEXT: dict[str, dict[str, dict[str, str]]] = {
    "absentee_to_lower_commissions": {
        "source": {"ru": "правила в редакции 2019 года", "kk": "2019 жылғы редакциядағы қағидалар"},
    },
    "absentee_to_precincts": {
        "source": {"ru": "правила в редакции 2019 года", "kk": "2019 жылғы редакциядағы қағидалар"},
    },
    "absentee_extra_print": {
        "source": {"ru": "правила в редакции 2019 года", "kk": "2019 жылғы редакциядағы қағидалар"},
    },
    "lists_to_precincts": {
        "source": {
            "ru": "jjtv.kz, 2023: списки переданы 26 февраля к выборам 19 марта",
            "kk": "jjtv.kz, 2023: тізімдер 19 наурыздағы сайлауға 26 ақпанда берілген",
        },
    },
    "absentee_issue_from": {
        "unconfirmed": {
            "ru": "первый день выдачи выведен из слов «между общественным ознакомлением со "
            "списками и днём выборов»",
            "kk": "берудің бірінші күні «тізімдермен жұртшылықтың танысуы мен сайлау күні "
            "аралығында» деген сөздерден шығарылған",
        },
    },
    "ballots_to_precincts": {
        "unconfirmed": {
            "ru": "действующий текст статьи не прочитан",
            "kk": "бабтың қолданыстағы мәтіні оқылмаған",
        },
        "source": {
            "ru": "обзор прежней редакции закона на electionin.org",
            "kk": "electionin.org сайтындағы заңның бұрынғы редакциясына шолу",
        },
    },
    "outside_voting_applications": {
        "unconfirmed": {
            "ru": "действующий срок не подтверждён (заметки о законе, разделы 3 и 9)",
            "kk": "қолданыстағы мерзім расталмаған (заң туралы жазбалар, 3 және 9-бөлімдер)",
        },
    },
    "party_mandate_decisions": {
        "unconfirmed": {
            "ru": "статья и день, с которого считается срок, не подтверждены",
            "kk": "бап пен мерзім есептелетін күн расталмаған",
        },
        "source": {
            "ru": "vlast.kz о распределении мандатов 2023 года («в течение 10 дней»)",
            "kk": "vlast.kz сайтында 2023 жылғы мандаттарды бөлу туралы («10 күн ішінде»)",
        },
    },
}


CALENDAR_TEXT: dict[str, dict[str, str]] = {
    "absentee_to_lower_commissions": {
        "ru": "областные комиссии передают открепительные удостоверения нижестоящим "
        "территориальным комиссиям",
        "kk": "облыстық комиссиялар сырттай дауыс беру куәліктерін төменгі аумақтық "
        "комиссияларға береді",
    },
    "lists_to_precincts": {
        "ru": "списки избирателей передаются участковым комиссиям",
        "kk": "сайлаушылар тізімдері учаскелік комиссияларға беріледі",
    },
    "absentee_to_precincts": {
        "ru": "открепительные удостоверения передаются участковым комиссиям",
        "kk": "сырттай дауыс беру куәліктері учаскелік комиссияларға беріледі",
    },
    "public_review": {
        "ru": "списки избирателей представляются для всеобщего ознакомления (обычные участки)",
        "kk": "сайлаушылар тізімдері жалпы жұрттың танысуы үшін ұсынылады (қарапайым учаскелер)",
    },
    "absentee_issue_from": {
        "ru": "участковые комиссии выдают открепительные удостоверения избирателям, меняющим "
        "место пребывания",
        "kk": "учаскелік комиссиялар болатын жерін өзгертетін сайлаушыларға сырттай дауыс беру "
        "куәліктерін береді",
    },
    "public_review_special": {
        "ru": "списки избирателей представляются для ознакомления на специальных участках",
        "kk": "арнаулы учаскелерде сайлаушылар тізімдері танысу үшін ұсынылады",
    },
    "absentee_extra_print": {
        "ru": "дополнительное изготовление открепительных удостоверений по решению комиссии",
        "kk": "комиссия шешімі бойынша сырттай дауыс беру куәліктерін қосымша дайындау",
    },
    "ballots_to_precincts": {
        "ru": "бюллетени (число избирателей + 1 % резерва) доставляются участковым комиссиям",
        "kk": "бюллетеньдер (сайлаушылар саны + 1 % резерв) учаскелік комиссияларға жеткізіледі",
    },
    "outside_voting_applications": {
        "ru": "письменные заявления о голосовании вне помещения (за 12 часов до дня выборов)",
        "kk": "үй-жайдан тыс дауыс беру туралы жазбаша өтініштер (сайлау күнінен 12 сағат бұрын)",
    },
    "polls_open": {
        "ru": "голосование с 07:00 до 20:00 по местному времени",
        "kk": "дауыс беру жергілікті уақыт бойынша 07:00-ден 20:00-ге дейін",
    },
    "count_starts": {
        "ru": "подсчёт голосов начинается по окончании голосования и длится не более 12 часов",
        "kk": "дауыстарды санау дауыс беру аяқталғанда басталып, 12 сағаттан аспайды",
    },
    "tec_protocols_to_cec": {
        "ru": "протоколы территориальных комиссий поступают в ЦИК",
        "kk": "аумақтық комиссиялардың хаттамалары ОСК-ге түседі",
    },
    "results_published": {
        "ru": "ЦИК публикует итоги выборов в Мажилис",
        "kk": "ОСК Мәжіліс сайлауының нәтижелерін жариялайды",
    },
    "results_published_maslikhat": {
        "ru": "территориальная комиссия публикует итоги выборов в маслихат",
        "kk": "аумақтық комиссия мәслихат сайлауының нәтижелерін жариялайды",
    },
    "party_mandate_decisions": {
        "ru": "партии решают, кто из их списков получает мандаты",
        "kk": "партиялар өз тізімдерінен мандат алатындарды шешеді",
    },
}


def election_calendar(body: str, election_day: date) -> list[Deadline]:
    """Every deadline known for an election of ``body`` (``mazhilis`` or ``maslikhat``)."""
    if body not in ("mazhilis", "maslikhat"):
        msg = f"unknown body {body!r} (expected mazhilis or maslikhat)"
        raise UnknownBody(msg)
    d = election_day

    def before(days: int) -> date:
        return d - timedelta(days=days)

    def after(days: int) -> date:
        return d + timedelta(days=days)

    items = [
        Deadline(
            "absentee_to_lower_commissions",
            before(20),
            "by",
            "absentee certificates passed by oblast-level commissions to lower territorial "
            "commissions",
            "CEC resolution of 8 April 2009 No. 161/306",
            source="the rules as of 2019",
        ),
        Deadline(
            "lists_to_precincts",
            before(20),
            "by",
            "voter lists handed over to precinct commissions",
            "election law Art. 26",
            source="jjtv.kz, 2023: handed over on 26 February for 19 March",
        ),
        Deadline(
            "absentee_to_precincts",
            before(16),
            "by",
            "absentee certificates passed to precinct commissions",
            "CEC resolution of 8 April 2009 No. 161/306",
            source="the rules as of 2019",
        ),
        Deadline(
            "public_review",
            before(15),
            "from",
            "voter lists open to public review (ordinary precincts)",
            "election law Art. 26 p. 1",
        ),
        Deadline(
            "absentee_issue_from",
            before(15),
            "from",
            "precinct commissions issue absentee certificates to voters who change their place "
            "of stay (from the public review of the lists)",
            "CEC resolution of 8 April 2009 No. 161/306",
            "the first day of issue is inferred from 'between the public review and election day'",
        ),
        Deadline(
            "public_review_special",
            before(5),
            "from",
            "voter lists open to public review at special precincts (military units, "
            "hospitals, missions abroad, remote areas, ...)",
            "election law Art. 26 p. 1",
        ),
        Deadline(
            "absentee_extra_print",
            before(3),
            "by",
            "extra absentee certificates printed by decision",
            "CEC resolution of 8 April 2009 No. 161/306",
            source="the rules as of 2019",
        ),
        Deadline(
            "ballots_to_precincts",
            before(1),
            "by",
            "ballots (voters + 1 % reserve) delivered to precinct commissions",
            "election law (older text)",
            "the current article text was not read",
            source="electionin.org summary of the older law",
        ),
        Deadline(
            "outside_voting_applications",
            before(1),
            "by",
            "written applications to vote outside the premises (12 hours before election day)",
            "election law Art. 41 p. 6 (older text)",
            "the current deadline is not confirmed (law-notes section 3 and 9)",
            at=time(12, 0),
        ),
        Deadline(
            "polls_open",
            d,
            "on",
            "voting from 07:00 to 20:00 local time (a territorial commission may open at 06:00)",
            "election law Art. 40",
            at=time(7, 0),
        ),
        Deadline(
            "count_starts",
            d,
            "on",
            "the count starts when voting ends and runs without a break for at most 12 hours",
            "election law Art. 43",
            at=time(20, 0),
        ),
    ]
    if body == "mazhilis":
        items += [
            Deadline(
                "tec_protocols_to_cec",
                after(2),
                "within",
                "territorial commissions' protocols reach the CEC",
                "election law Art. 94",
            ),
            Deadline(
                "results_published",
                after(10),
                "within",
                "the CEC publishes the Mazhilis results",
                "election law Art. 44 p. 4",
            ),
            Deadline(
                "party_mandate_decisions",
                after(10),
                "within",
                "parties decide who of their lists takes the mandates (counted from the "
                "distribution of seats, here from election day)",
                "election law",
                "the article and the starting day of the period are not confirmed",
                source="vlast.kz on the 2023 distribution ('within 10 days')",
            ),
        ]
    else:
        items += [
            Deadline(
                "results_published_maslikhat",
                after(7),
                "within",
                "the territorial commission publishes the maslikhat results",
                "election law Art. 44 p. 4",
            ),
        ]
    return sorted(items, key=lambda x: (x.on, x.at or time(0)))
