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
* **m and the prior by expectation-maximisation** over the candidate pairs (Splink's
  ``estimate_parameters_using_expectation_maximisation``), each ``m`` smoothed towards the
  stated error model :data:`M_START`; the first name is a blocking field and keeps its start.
* **The IINs are evidence.** An IIN is given once for life, so two valid IINs of two
  registry persons, each line agreeing with its own person, are strong evidence of two
  people (namesakes). A line typed by hand has an invalid IIN: one slip (a digit changed,
  dropped, added, two neighbours swapped) from the other line's IIN is strong evidence of
  one person; one slip from *another* registry person with the line's first name, birth
  date, and surname or patronymic (its owner, :mod:`.owners`) is strong evidence of two.
* **Swapped day and month** count only where an IIN supports them: one line's IIN (even an
  invalid one, whose date digits are intact) encodes the other line's birth date. Two IINs
  that each encode their own date are two people born on two days.
* Lines of opposite sex (registry, IIN or patronymic) are never one person.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Final

import polars as pl

from .comparison import LEVELS, TF_FIELDS, compare
from .counts import JOINT, VALUE_FIELDS, RegisterCounts, register_counts, value_key

__all__ = [
    "LEVELS",
    "M_START",
    "LinkageModel",
    "RegisterCounts",
    "compare",
    "fit_model",
    "register_counts",
    "score",
    "with_rivals",
]

#: ``m`` of each level: how two lines of one person compare, an error model stated in
#: advance (the start of EM and what a small register keeps): a line typed by hand keeps the
#: first name (94 %; a slip in 6 %), the surname unless a woman's maiden/married name, the
#: patronymic where both give one; day and month swapped in about one in five; its IIN is
#: invalid and one slip from the person's own (80 %), two (4 %), further (4 %), valid but naming nobody
#: or someone else (9 %); two registered IINs of one person are rare (3 %: an IIN is for
#: life), a line owned by another person almost never; it is typed at home or elsewhere.
M_START: Final[dict[str, tuple[float, ...]]] = {
    "first": (0.94, 0.04, 0.015, 0.005),
    "last": (0.72, 0.02, 0.25, 0.01),
    "pat": (0.88, 0.09, 0.01, 0.02),
    "date": (0.80, 0.19, 0.01),
    "iin": (0.80, 0.04, 0.00001, 0.06, 0.03, 0.02999, 0.04),
    "place": (0.60, 0.25, 0.15),
    "family": (0.50, 0.40, 0.10),
}
#: What a register too small to measure is assumed to look like: ``u`` of each level and the
#: share of people carrying one name (measured on the generated region at scale 1), the
#: prior; each estimate is smoothed towards it with the weight of ``_PSEUDO`` observations,
#: so that a national register speaks for itself and a test region of ten lines is sane.
U_DEFAULT: Final[dict[str, tuple[float, ...]]] = {
    "first": (0.009, 0.0001, 0.01, 0.9809),
    "last": (0.007, 0.001, 0.5, 0.492),
    "pat": (0.008, 0.086, 0.0015, 0.9045),
    "date": (0.81, 0.00015, 0.18985),
    "iin": (0.00002, 0.0003, 0.0008, 0.0002, 0.002, 0.99663, 0.00005),
    "place": (0.002, 0.17, 0.828),
    "family": (0.53, 0.37, 0.10),
}
TF_DEFAULT: Final = 0.005
PRIOR_DEFAULT: Final = 4e-5
_PSEUDO = 2_000
_PSEUDO_PAIRS = 1_000_000
#: Levels whose ``m`` is stated, not learnt: a typed line one slip from *another* person of
#: its first name and birth date is a coincidence for one person; EM would learn it from the
#: namesakes it is there to stop (their posteriors feed it back).
_M_STATED: Final = {"iin": (2,)}
#: The least ``m`` (a level one person almost never shows: a line owned by someone else).
_M_FLOOR = 1e-6
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


def _term_frequencies(values: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """Per field, how often another person of the same sex carries each value; and the same
    for combinations of names (``first_last``, ``first_pat``, ``full``): names are not
    independent (an Azerbaijani first name comes with an Azerbaijani surname), so agreement
    on two names is weighed by how common the pair is, not the product of the two."""
    out = {}
    for name, cols in VALUE_FIELDS.items():
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


def _level_shares_of(totals: list[int], default: tuple[float, ...]) -> list[float]:
    """Shares of the pairs in each level, smoothed towards ``default`` (``_PSEUDO`` pairs),
    none below half a pair of the sample (a level never seen among different people is
    rare, not impossible; a fixed floor would cap the evidence of an IIN one slip away)."""
    smoothed = [t + _PSEUDO * d for t, d in zip(totals, default, strict=True)]
    total = sum(smoothed)
    return [max(t, 0.5) / total for t in smoothed]


def _with_tf(levels: pl.DataFrame, model: LinkageModel) -> pl.DataFrame:
    out = levels.with_columns(pl.col("sex").cast(pl.String).fill_null("?").alias("_sex"))
    fields = {**{f: (c,) for f, c in TF_FIELDS.items()}, **JOINT}
    for name, cols in fields.items():
        table = model.tf[name].rename({"sex": "_sex", "value": "_v", "tf": f"tf_{name}"})
        out = (
            out.with_columns(value_key(cols).alias("_v"))
            .join(table, on=["_sex", "_v"], how="left", maintain_order="left")
            .drop("_v")
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
    frame = levels if "tf_first" in levels.columns else _with_tf(levels, model)
    terms = [pl.lit(math.log2(model.prior / (1 - model.prior)))]
    for name, lv in LEVELS.items():
        m, u = model.m[name], model.u[name]
        expr = pl.lit(0.0)
        for i in range(len(lv)):
            w = pl.lit(math.log2(m[i] / max(u[i], 1e-12)))
            if i == 0 and name in TF_FIELDS:  # exact agreement: u is the name's frequency
                w = (pl.lit(m[i]) / pl.col(f"tf_{name}").fill_null(u[i]).clip(1e-9, 1)).log(2)
            expr = pl.when(pl.col(f"lv_{name}") == i).then(w).otherwise(expr)
        terms.append(expr.alias(f"w_{name}"))
    # Names that agree together are weighed by the frequency of the combination: the
    # separate name terms are replaced by one joint term (see _term_frequencies).
    exact = {f: pl.col(f"lv_{f}") == 0 for f in TF_FIELDS}
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
    levels = _with_tf(compare(candidates), model)  # the term frequencies stay: looked up once
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
            for i in _M_STATED.get(name, ()):  # structural: EM must not learn it
                rest = sum(x for j, x in enumerate(shares) if j != i)
                shares = [M_START[name][i] if j == i else x * (1 - M_START[name][i]) / rest
                          for j, x in enumerate(shares)]  # fmt: skip
            m[name] = [max(x, _M_FLOOR) for x in shares]
        model = LinkageModel(m=m, u=u, prior=prior, tf=tf, iterations=it + 1)
    return model


def with_rivals(scored: pl.DataFrame) -> pl.DataFrame:
    """``scored`` (pairs ``a``, ``b`` with ``weight`` and ``score``, from :func:`score`) with
    ``score`` weighed against the rival explanations of each line: a typed line is one
    person's line, so where it looks like two people -- its person and a namesake -- the
    evidence that it is a copy is shared between them, not counted twice (the pairwise model
    scores each pair as if it were alone, and called a copy without an IIN 0.96 with its
    person's namesake). The hypotheses about a pair's two lines: they are one person (odds
    ``o``), or one of them is one person with a third line ``c`` (odds ``o_ac``) that is not
    the other line's person (``1 - score_bc``: a third line of the same person is no rival),
    or none of these (1): ``score = o / (1 + o + sum(o_ac * (1 - score_bc)) + ...)``.
    ``pairwise`` keeps the score of the pair alone."""
    odds = 2.0 ** pl.col("weight").clip(-60, 60)
    base = scored.with_columns(odds.alias("_o"), pl.col("score").alias("pairwise"))
    edge = base.select("a", "b", "_o", "score")
    both = pl.concat([
        edge.select(pl.col("a").alias("x"), pl.col("b").alias("y"), "_o"),
        edge.select(pl.col("b").alias("x"), pl.col("a").alias("y"), "_o"),
    ])  # fmt: skip
    known = edge.select("a", "b", pl.col("score").alias("_s"))
    rivals = []
    for here, there in (("a", "b"), ("b", "a")):
        r = (
            edge.select(here, there)
            .join(both, left_on=here, right_on="x")
            .filter(pl.col("y") != pl.col(there))
            .with_columns(
                pl.min_horizontal(there, "y").alias("_p"), pl.max_horizontal(there, "y").alias("_q")
            )
            .join(known, left_on=["_p", "_q"], right_on=["a", "b"], how="left")
            .sort("a", "b", "y")  # one order of summing in every engine and run
            .group_by("a", "b", maintain_order=True)
            .agg((pl.col("_o") * (1 - pl.col("_s").fill_null(0.0))).sum().alias(f"_r{here}"))
        )
        rivals.append(r)
    out = base
    for r, name in zip(rivals, ("_ra", "_rb"), strict=True):
        out = out.join(r, on=["a", "b"], how="left", maintain_order="left").with_columns(
            pl.col(name).fill_null(0.0)
        )
    adjusted = pl.col("_o") / (1 + pl.col("_o") + pl.col("_ra") + pl.col("_rb"))
    return out.with_columns(adjusted.alias("score")).drop("_o", "_ra", "_rb")
