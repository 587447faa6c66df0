"""The weight of evidence that two list lines are one person: a Fellegi-Sunter model with
term-frequency adjustment, its parameters estimated from the register itself.

Two lines are compared field by field; each comparison falls into one *level* (the first
names agree exactly, are similar, or differ; ...). A level has two probabilities: ``m``, that
two lines of **one** person fall into it, and ``u``, that two lines of **different** people
born on the same day (the pairs the blocking compares) do. The evidence of a level is the
Bayes factor ``m / u``; the factors multiply, with the prior odds of a match, into the
posterior odds, and the score of a pair is the posterior probability
``P(one person | what the lines say)``: a score of 0.9 means that about 9 pairs in 10 with
that evidence are one person (measured: docs/benchmarks.md).

* **Term frequencies.** Agreement on a name is weighed by how common the name is: ``u`` of
  "the first names agree" is, for the name ``v``, the share of people of that sex called
  ``v`` (Splink's term-frequency adjustment). Two Нұрлан born on one day are weak evidence
  of one person, two Шалқар strong; so are the surnames and the patronymics (the father's
  name).
* **u from the data.** The other levels' ``u`` are counted on random pairs of lines of the
  same sex that share the birth-date key (what the blocking compares), as Splink's
  ``estimate_u_using_random_sampling``.
* **m and the prior by expectation-maximisation** over the candidate pairs, started from
  the defaults of :data:`M_START`; the first name is a blocking field and keeps its start.
* **The IINs are evidence.** Two valid IINs of two registry persons, each line agreeing with
  its own person ("registered"), are evidence of two people: the level is common among
  namesakes and rarer among duplicates, and the prior of such a pair is tiny (EM finds it);
  a *loose* line (invalid IIN, unknown, or naming someone else: a mistyped IIN) whose IIN is
  one or two digits (or one transposition) from the other's is strong evidence of one.
* **Swapped day and month** count only where an IIN supports them: one line's IIN encodes
  the other line's birth date (the day and month were swapped when the record was typed).
  Two IINs that each encode their own date are two people born on two days.
* Lines of opposite sex (registry, IIN or patronymic) are never one person.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Final

import polars as pl
from rapidfuzz.distance import OSA, Levenshtein

__all__ = [
    "LEVELS",
    "M_START",
    "LinkageModel",
    "RegisterCounts",
    "compare",
    "fit_model",
    "register_counts",
    "score",
]

#: The comparisons and their levels, in order. ``exact`` levels are term-frequency adjusted.
LEVELS: Final[dict[str, tuple[str, ...]]] = {
    "first": ("exact", "similar", "close", "other"),
    "last": ("exact", "similar", "other_f", "other_m"),
    "pat": ("exact", "missing", "similar", "other"),
    "date": ("equal", "swap_iin", "swap"),
    "iin": ("invalid_close", "invalid_far", "invalid_owned", "loose_close", "loose_far",
            "registered"),
    "place": ("same_address", "same_district", "other_district"),
    "family": ("both", "one_alone", "both_alone"),
}
#: ``m`` of each level: how two lines of one person compare, an error model stated in
#: advance (not tuned on generated data): a second record or a mistyped line keeps the
#: first name (96 %), the surname unless a woman's maiden/married name (72 % / 25 %), the
#: patronymic where both give one; day and month are swapped in about one duplicate in
#: five, always with an IIN that encodes the true date; the IINs of a second registry
#: record are no closer than anyone's of that birth date (no evidence either way); a
#: second record usually lives where no one of its family name does (``family``).
M_START: Final[dict[str, tuple[float, ...]]] = {
    "first": (0.94, 0.04, 0.015, 0.005),
    "last": (0.72, 0.02, 0.25, 0.01),
    "pat": (0.88, 0.09, 0.01, 0.02),
    "date": (0.80, 0.19, 0.01),
    "iin": (0.80, 0.08, 0.0001, 0.06, 0.03, 0.0299),
    "place": (0.60, 0.25, 0.15),
    "family": (0.50, 0.40, 0.10),
}
_TF_FIELDS = {"first": "sk_first", "last": "sk_last", "pat": "sk_pat"}
#: What a register too small to measure is assumed to look like: ``u`` of each level and the
#: share of people carrying one name (measured on the generated region at scale 1), the
#: prior; each estimate is smoothed towards it with the weight of ``_PSEUDO`` observations,
#: so that a national register speaks for itself and a test region of ten lines is sane.
U_DEFAULT: Final[dict[str, tuple[float, ...]]] = {
    "first": (0.009, 0.0001, 0.01, 0.9809),
    "last": (0.007, 0.001, 0.5, 0.492),
    "pat": (0.008, 0.086, 0.0015, 0.9045),
    "date": (0.81, 0.00015, 0.18985),
    "iin": (0.00002, 0.0003, 0.0008, 0.0002, 0.002, 0.99668),
    "place": (0.002, 0.17, 0.828),
    "family": (0.53, 0.37, 0.10),
}
TF_DEFAULT: Final = 0.005
PRIOR_DEFAULT: Final = 4e-5
_PSEUDO = 2_000
_PSEUDO_PAIRS = 1_000_000
_SIMILAR = 0.85
_CLOSE = 0.65  # two slips in a name of six letters (Улугбек/Улушбек); twins differ more
_M_FLOOR = 1e-4
_M_PSEUDO = 50


@dataclass
class LinkageModel:
    """The fitted parameters: ``m`` and ``u`` per level, the prior, the term frequencies."""

    m: dict[str, list[float]]
    u: dict[str, list[float]]
    prior: float  # P(one person) for two lines of one sex and one birth-date key
    tf: dict[str, pl.DataFrame] = field(repr=False)  # field -> (sex, value, tf)
    iterations: int = 0

    def describe(self) -> dict[str, Any]:
        """The parameters as plain data (for the findings' evidence and the docs)."""
        return {
            "prior": self.prior,
            "m": {k: dict(zip(LEVELS[k], v, strict=True)) for k, v in self.m.items()},
            "u": {k: dict(zip(LEVELS[k], v, strict=True)) for k, v in self.u.items()},
        }


def _similar(x: str | None, y: str | None) -> float:
    """Similarity (0-1) of two skeletons; one typed letter wrong, missing, extra or two
    neighbours swapped in a name of four letters or more counts as :data:`_SIMILAR` at least
    (Сәуле/Сайуле, Андрей/Амдрей: a clerk's slip, while twins' names differ by more)."""
    a, b = x or "", y or ""
    sim = float(Levenshtein.normalized_similarity(a, b))
    if min(len(a), len(b)) >= 4 and OSA.distance(a, b, score_cutoff=1) <= 1:
        return max(sim, _SIMILAR)
    return sim


def _sim_column(pairs: pl.DataFrame, a: str, b: str) -> pl.Series:
    """Similarity (0-1) of two skeleton columns, computed once per distinct pair of values."""
    distinct = pairs.select(pl.col(a).alias("x"), pl.col(b).alias("y")).unique()
    sims = [_similar(x, y) for x, y in distinct.iter_rows()]
    table = distinct.with_columns(pl.Series("sim", sims, dtype=pl.Float64))
    joined = pairs.select(pl.col(a).alias("x"), pl.col(b).alias("y")).join(
        table, on=["x", "y"], how="left", nulls_equal=True, maintain_order="left"
    )
    return joined["sim"].fill_null(0.0)


def _iin_close(pairs: pl.DataFrame, unsure: pl.Series) -> pl.Series:
    """Two IINs one slip apart -- a digit changed, dropped or added, or two neighbours
    swapped (optimal string alignment distance 1) -- for the pairs where one IIN is not a
    registered person's (``unsure``); False for the others (not needed, not computed)."""
    some = pairs.select(pl.col("iin").alias("x"), pl.col("iin_b").alias("y")).filter(unsure)
    distinct = some.unique()
    near = [
        x is not None and y is not None and OSA.distance(x, y, score_cutoff=2) <= 1
        for x, y in distinct.iter_rows()
    ]
    table = distinct.with_columns(pl.Series("near", near, dtype=pl.Boolean))
    joined = pairs.select(pl.col("iin").alias("x"), pl.col("iin_b").alias("y")).join(
        table, on=["x", "y"], how="left", nulls_equal=True, maintain_order="left"
    )
    return joined["near"].fill_null(False) & unsure


def compare(pairs: pl.DataFrame) -> pl.DataFrame:
    """The level (an index into :data:`LEVELS`) of every comparison of every pair.

    ``pairs`` holds the feature columns of both lines (those of
    :func:`.duplicates.line_features`, the second line's with the suffix ``_b``).
    """
    sims = {f: _sim_column(pairs, c, f"{c}_b") for f, c in _TF_FIELDS.items()}

    def eq(c: str) -> pl.Expr:
        return (pl.col(c) == pl.col(f"{c}_b")).fill_null(False)

    def given(c: str) -> pl.Expr:
        return (pl.col(c).fill_null("") != "") & (pl.col(f"{c}_b").fill_null("") != "")

    female = (pl.col("sex") == "F").fill_null(False) | (pl.col("sex_b") == "F").fill_null(False)
    frame = pairs.with_columns(
        pl.Series("_sim_first", sims["first"]),
        pl.Series("_sim_last", sims["last"]),
        pl.Series("_sim_pat", sims["pat"]),
    )
    first = (
        pl.when(eq("sk_first") & given("sk_first"))
        .then(0)
        .when(pl.col("_sim_first") >= _SIMILAR)
        .then(1)
        .when(pl.col("_sim_first") >= _CLOSE)
        .then(2)
        .otherwise(3)
    )
    last = (
        pl.when(eq("sk_last") & given("sk_last"))
        .then(0)
        .when(pl.col("_sim_last") >= _SIMILAR)
        .then(1)
        .when(female)
        .then(2)
        .otherwise(3)
    )
    pat = (
        pl.when(~given("sk_pat"))
        .then(1)
        .when(eq("sk_pat"))
        .then(0)
        .when(pl.col("_sim_pat") >= _SIMILAR)
        .then(2)
        .otherwise(3)
    )
    supported = (pl.col("iin_bd") == pl.col("bd_b")).fill_null(False) | (
        pl.col("iin_bd_b") == pl.col("bd")
    ).fill_null(False)
    date = pl.when(eq("bd")).then(0).when(supported).then(1).otherwise(2)
    invalid = ~pl.col("iin_ok").fill_null(False) | ~pl.col("iin_ok_b").fill_null(False)
    loose = pl.col("loose").fill_null(True) | pl.col("loose_b").fill_null(True)
    frame = frame.with_columns(_iin_close(frame, frame.select(loose)["loose"]).alias("_close"))
    close = pl.col("_close")
    owned = ((pl.col("owner") != pl.col("iin_b").fill_null("")).fill_null(False)
             | (pl.col("owner_b") != pl.col("iin").fill_null("")).fill_null(False))  # fmt: skip
    iin = (
        pl.when(invalid & close).then(0).when(invalid & owned).then(2).when(invalid).then(1)
        .when(loose & close).then(3).when(loose).then(4).otherwise(5)
    )  # fmt: skip
    place = (
        pl.when(eq("address_id") & given("address_id"))
        .then(0)
        .when(eq("district") | pl.col("district").is_null() | pl.col("district_b").is_null())
        .then(1)
        .otherwise(2)
    )
    family = (
        2
        - pl.col("family").cast(pl.Int32).fill_null(0)
        - pl.col("family_b").cast(pl.Int32).fill_null(0)
    )
    return frame.with_columns(
        first.alias("lv_first"),
        last.alias("lv_last"),
        pat.alias("lv_pat"),
        date.alias("lv_date"),
        iin.alias("lv_iin"),
        place.alias("lv_place"),
        family.alias("lv_family"),
        pl.col("_sim_first").alias("sim_first"),
        pl.col("_sim_last").alias("sim_last"),
        pl.col("_sim_pat").alias("sim_pat"),
        (pl.col("sex").is_not_null() & pl.col("sex_b").is_not_null() & ~eq("sex")).alias(
            "sex_conflict"
        ),
    ).drop("_sim_first", "_sim_last", "_sim_pat", "_close")


_JOINT = {"first_last": ("sk_first", "sk_last"), "first_pat": ("sk_first", "sk_pat"),
          "full": ("sk_first", "sk_last", "sk_pat")}  # fmt: skip


@dataclass(frozen=True)
class RegisterCounts:
    """What the model is fitted from, as counts that add up over parts of the register
    holding whole birth-date blocks (``bd_key``): so the Spark engine counts partition by
    partition and gets the numbers of one pass exactly.

    ``values``: lines per (field, sex, value) for the names and their combinations;
    ``levels``: random pairs per level of each comparison (the lines of one sex and one
    birth-date key in a seeded hash order, paired first with second, third with fourth);
    ``pairs``: same-sex pairs sharing a birth-date key (what the prior is a share of).
    """

    values: pl.DataFrame
    levels: dict[str, list[int]]
    pairs: int

    @staticmethod
    def merge(parts: list[RegisterCounts]) -> RegisterCounts:
        values = pl.concat([p.values for p in parts]).group_by("field", "sex", "value").sum()
        levels = {k: [sum(p.levels[k][i] for p in parts) for i in range(len(v))]
                  for k, v in LEVELS.items()}  # fmt: skip
        return RegisterCounts(values=values, levels=levels, pairs=sum(p.pairs for p in parts))


_JOINT = {"first_last": ("sk_first", "sk_last"), "first_pat": ("sk_first", "sk_pat"),
          "full": ("sk_first", "sk_last", "sk_pat")}  # fmt: skip
_VALUE_FIELDS = {**{f: (c,) for f, c in _TF_FIELDS.items()}, **_JOINT}


def register_counts(feats: pl.DataFrame) -> RegisterCounts:
    """The :class:`RegisterCounts` of ``feats`` (whole birth-date blocks of lines)."""
    base = feats.select(
        pl.col("sex").cast(pl.String).fill_null("?").alias("sex"),
        *(pl.col(c).cast(pl.String).alias(c) for c in _TF_FIELDS.values()),
    )
    frames = []
    for name, cols in _VALUE_FIELDS.items():
        value = pl.concat_str([pl.col(c).fill_null("") for c in cols], separator="|")
        frames.append(
            base.filter(pl.all_horizontal(pl.col(c).fill_null("") != "" for c in cols))
            .group_by("sex", value.alias("value"))
            .agg(pl.len().cast(pl.Int64).alias("len"))
            .select(pl.lit(name).alias("field"), "sex", "value", "len")
        )
    sample = compare(_random_pairs(feats))
    levels = {
        k: [int((sample[f"lv_{k}"] == i).sum()) for i in range(len(v))] for k, v in LEVELS.items()
    }
    groups = (
        feats.filter(pl.col("bd_key").is_not_null())
        .group_by("bd_key", pl.col("sex").cast(pl.String))
        .len()
    )
    pairs = int((groups["len"].cast(pl.Int64) * (groups["len"].cast(pl.Int64) - 1) // 2).sum())
    return RegisterCounts(values=pl.concat(frames), levels=levels, pairs=pairs)


def _term_frequencies(values: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """Per field, how often another person of the same sex carries each value; and the same
    for combinations of names (``first_last``, ``first_pat``, ``full``): names are not
    independent (an Azerbaijani first name comes with an Azerbaijani surname), so agreement
    on two names is weighed by how common the pair is, not the product of the two."""
    out = {}
    for name, cols in _VALUE_FIELDS.items():
        counts = values.filter(pl.col("field") == name)
        out[name] = counts.with_columns(_smoothed(TF_DEFAULT ** len(cols))).select(
            "sex", "value", "tf"
        )
    return out


def _smoothed(default: float) -> pl.Expr:
    """How often another person of the sex carries a value: its count less one (the person
    compared), smoothed towards ``default`` with the weight of ``_PSEUDO`` people."""
    n = pl.col("len").sum().over("sex")
    return (((pl.col("len") - 1) + _PSEUDO * default) / (n - 1 + _PSEUDO)).alias("tf")


def _random_pairs(feats: pl.DataFrame) -> pl.DataFrame:
    """Random pairs of lines of one sex and one birth-date key: the lines of each block in a
    seeded hash order of their list line (precinct and line number: the same in every
    engine), paired first with second, third with fourth
    (the population ``u`` is counted on; the same pairs in any partition of whole blocks)."""
    cols = [c for c in feats.columns if c != "row"]
    keyed = (
        feats.filter(pl.col("bd_key").is_not_null())
        .with_columns(
            pl.col("sex").cast(pl.String).fill_null("?"),
            pl.struct(pl.col("precinct_no").cast(pl.Int64), pl.col("line_no").cast(pl.Int64))
            .hash(seed=7)
            .alias("_h"),
        )
        .sort("bd_key", "sex", "_h", "precinct_no", "line_no")
        .with_columns(pl.int_range(pl.len()).over("bd_key", "sex").alias("_i"))
    )
    nxt = keyed.select(pl.all().shift(-1).name.suffix("_b"))
    pairs = pl.concat([keyed, nxt], how="horizontal").filter(
        (pl.col("bd_key") == pl.col("bd_key_b"))
        & (pl.col("sex") == pl.col("sex_b"))
        & (pl.col("_i") % 2 == 0)
    )
    return pairs.select(*cols, *(f"{c}_b" for c in cols))


def _level_shares_of(totals: list[int], default: tuple[float, ...]) -> list[float]:
    """Shares of the pairs in each level, smoothed towards ``default`` (``_PSEUDO`` pairs)."""
    smoothed = [t + _PSEUDO * d for t, d in zip(totals, default, strict=True)]
    total = sum(smoothed)
    return [max(t / total, _M_FLOOR) for t in smoothed]


def _with_tf(levels: pl.DataFrame, model: LinkageModel) -> pl.DataFrame:
    out = levels.with_columns(pl.col("sex").cast(pl.String).fill_null("?").alias("_sex"))
    for f, c in _TF_FIELDS.items():
        table = model.tf[f].rename({"sex": "_sex", "value": c, "tf": f"tf_{f}"})
        out = out.with_columns(pl.col(c).cast(pl.String)).join(
            table, on=["_sex", c], how="left", maintain_order="left"
        )
    for name, cols in _JOINT.items():
        value = pl.concat_str([pl.col(c).fill_null("") for c in cols], separator="|")
        table = model.tf[name].rename({"sex": "_sex", "value": f"_v_{name}", "tf": f"tf_{name}"})
        out = (
            out.with_columns(value.alias(f"_v_{name}"))
            .join(table, on=["_sex", f"_v_{name}"], how="left", maintain_order="left")
            .drop(f"_v_{name}")
        )
    return out.drop("_sex")


def _joint_term(model: LinkageModel, name: str, fields: tuple[str, ...]) -> pl.Expr:
    """The joint weight of names agreeing together, minus their separate weights."""
    m = 1.0
    for f in fields:
        m *= model.m[f][0]
    together = (pl.lit(m) / pl.col(f"tf_{name}").fill_null(1e-6).clip(1e-9, 1)).log(2)
    apart = pl.sum_horizontal(pl.col(f"w_{f}") for f in fields)
    return together - apart


def score(levels: pl.DataFrame, model: LinkageModel) -> pl.DataFrame:
    """``levels`` (from :func:`compare`) with the match weight (``weight``, in bits: the
    log2 of the posterior odds) and the posterior probability ``score`` of each pair."""
    frame = _with_tf(levels, model)
    terms = [pl.lit(math.log2(model.prior / (1 - model.prior)))]
    for name, lv in LEVELS.items():
        m, u = model.m[name], model.u[name]
        expr = pl.lit(0.0)
        for i in range(len(lv)):
            w = pl.lit(math.log2(m[i] / max(u[i], 1e-12)))
            if i == 0 and name in _TF_FIELDS:  # exact agreement: u is the name's frequency
                w = (pl.lit(m[i]) / pl.col(f"tf_{name}").fill_null(u[i]).clip(1e-9, 1)).log(2)
            expr = pl.when(pl.col(f"lv_{name}") == i).then(w).otherwise(expr)
        terms.append(expr.alias(f"w_{name}"))
    # Names that agree together are weighed by the frequency of the combination: the
    # separate name terms are replaced by one joint term (see _term_frequencies).
    exact = {f: pl.col(f"lv_{f}") == 0 for f in _TF_FIELDS}
    joint = (
        pl.when(exact["first"] & exact["last"] & exact["pat"])
        .then(_joint_term(model, "full", ("first", "last", "pat")))
        .when(exact["first"] & exact["last"])
        .then(_joint_term(model, "first_last", ("first", "last")))
        .when(exact["first"] & exact["pat"])
        .then(_joint_term(model, "first_pat", ("first", "pat")))
        .otherwise(pl.lit(0.0))
    )
    weight = pl.sum_horizontal(terms) + pl.col("w_joint")
    # Twins: one surname, patronymic, birth date and address, two first names -- two people
    # whatever else the lines share (a line copied by mistake keeps its first name), unless
    # the names are close and one line's IIN is a slip of the other's (a misspelt copy).
    twins = (
        ((pl.col("lv_first") == 3) | ((pl.col("lv_first") == 2) & (pl.col("lv_iin") != 0)))
        & (pl.col("lv_last") == 0)
        & (pl.col("lv_pat") == 0)
        & (pl.col("lv_date") == 0)
        & (pl.col("lv_place") == 0)
    )
    weight = pl.when(pl.col("sex_conflict") | twins).then(pl.lit(-60.0)).otherwise(weight)
    return (
        frame.with_columns(*terms[1:])
        .with_columns(joint.alias("w_joint"))
        .with_columns(weight.alias("weight"))
        .with_columns((1.0 / (1.0 + (2.0 ** (-pl.col("weight").clip(-60, 60))))).alias("score"))
    )


def fit_model(
    counts: RegisterCounts, candidates: pl.DataFrame, *, iterations: int = 12
) -> LinkageModel:
    """Estimate the model of a register: term frequencies and ``u`` from its ``counts``
    (:func:`register_counts`); ``m`` and the prior by expectation-maximisation over the
    ``candidates`` (the candidate pairs with both sides' features, as :func:`compare` takes
    them), as Splink does. Each ``m`` is a posterior-weighted share of the candidate pairs,
    smoothed towards the stated error model :data:`M_START` with the weight of
    ``_M_PSEUDO`` pairs (so a small register keeps the stated model, a large one speaks for
    itself); the first name keeps its start (every candidate pair is blocked on it)."""
    tf = _term_frequencies(counts.values)
    u = {k: _level_shares_of(counts.levels[k], U_DEFAULT[k]) for k in LEVELS}
    model = LinkageModel(
        m={k: list(v) for k, v in M_START.items()}, u=u, prior=PRIOR_DEFAULT, tf=tf, iterations=0
    )
    if candidates.height == 0:
        return model
    levels = compare(candidates)
    for it in range(iterations):
        post = score(levels, model)["score"]
        expected = float(post.sum())
        prior = (expected + _PSEUDO_PAIRS * PRIOR_DEFAULT) / (counts.pairs + _PSEUDO_PAIRS)
        m = {"first": list(M_START["first"])}
        for name, lv in LEVELS.items():
            if name == "first":
                continue
            col = levels[f"lv_{name}"]
            shares = [
                (float(post.filter(col == i).sum()) + _M_PSEUDO * M_START[name][i])
                / (expected + _M_PSEUDO)
                for i in range(len(lv))
            ]
            m[name] = [max(x, _M_FLOOR) for x in shares]
        model = LinkageModel(m=m, u=u, prior=prior, tf=tf, iterations=it + 1)
    return model
