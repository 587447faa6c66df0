"""The question bank and the attempt forms: sound data, disjoint parts of equal difficulty,
and strategies that ignore the questions scoring at chance level."""

from __future__ import annotations

import math
import random
import re
from collections import Counter

import pytest

from saylau.law.protocol import check_protocol
from saylau.web.commissions.bank import (
    LANGS,
    LEVELS,
    TOPICS,
    BankError,
    all_items,
    items_for,
    problems,
)
from saylau.web.commissions.bank.computed import scenario
from saylau.web.commissions.bank.law_items import law_items, read_items
from saylau.web.commissions.models import Question
from saylau.web.commissions.question_bank import load_question_bank
from saylau.web.commissions.rules import TrainingRules
from saylau.web.commissions.testforms import BankQuestion, draw_form, split_parts


def test_every_question_has_kk_ru_en_text_one_right_option_an_article_a_topic_and_a_difficulty() -> (
    None
):
    items = all_items()
    assert problems(items) == []
    for item in items:
        assert all(item.text) and len(item.text) == len(LANGS)
        assert item.article and item.topic in TOPICS and item.difficulty in (1, 2, 3)
        # exactly one right option: the first in the data, never repeated among the others
        assert len({o[1] for o in item.options}) == len(item.options) >= 3


def test_the_validation_names_every_problem_of_a_bad_item() -> None:
    bad = all_items()[0]
    from dataclasses import replace

    broken = replace(
        bad, code="X", article=" ", topic="nope", difficulty=7, options=bad.options[:2]
    )
    found = problems([broken, broken])
    assert any("used 2 times" in p for p in found)
    assert any("no article" in p for p in found)
    assert any("unknown topic" in p for p in found)
    assert any("difficulty" in p for p in found)
    assert any("fewer than 3" in p for p in found)


ITEM = """
[[items]]
code = "T1"
topic = "voting"
difficulty = 1
article = "Election law Art. 4"
text = ["kk?", "ru?", "en?"]
options = [["a", "а", "A"], ["b", "б", "B"], ["c", "в", "C"]]
"""


def test_the_written_questions_are_read_from_their_data_file_with_every_level_by_default() -> None:
    (item,) = read_items(ITEM)
    assert (item.code, item.topic, item.difficulty, item.article) == (
        "T1",
        "voting",
        1,
        "Election law Art. 4",
    )
    assert item.text == ("kk?", "ru?", "en?") and item.options[0] == ("a", "а", "A")
    assert item.levels == LEVELS
    (precinct_only,) = read_items(ITEM + 'levels = ["precinct"]\n')
    assert precinct_only.levels == ("precinct",)
    assert {i.code for i in law_items()} <= {i.code for i in all_items()}


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (("difficulty = 1", 'difficulty = "easy"'), "T1: difficulty must be a whole number"),
        (('article = "Election law Art. 4"\n', ""), "T1: no article"),
        (('text = ["kk?", "ru?", "en?"]', 'text = ["kk?", "ru?"]'), "T1: text: must be three"),
        (('["c", "в", "C"]', '["c", "в"]'), "T1: option 3: must be three"),
        (("topic =", "subject = 1\ntopic ="), "T1: unknown keys ['subject']"),
        (("[[items]]", "[[item]]"), "a list of [[items]]"),
        (("code = ", "code = = "), "law_items.toml: "),
    ],
)
def test_a_malformed_data_file_is_refused_naming_the_item_and_the_key(
    change: tuple[str, str], named: str
) -> None:
    with pytest.raises(BankError, match=re.escape(named)):
        read_items(ITEM.replace(*change))


@pytest.mark.parametrize("level", LEVELS)
def test_each_level_has_at_least_sixty_questions_across_the_topics(level: str) -> None:
    items = items_for(level)
    assert len(items) >= 60
    assert len({i.topic for i in items}) >= 8


def test_computed_control_ratio_questions_are_graded_by_the_law_module() -> None:
    p = scenario(random.Random(5))
    assert not [f for f in check_protocol(p) if f.severity == "error"]


@pytest.mark.parametrize("level", LEVELS)
def test_entry_and_final_parts_are_disjoint_and_of_equal_difficulty(level: str) -> None:
    items = items_for(level)
    parts = split_parts([(i.code, i.topic, i.difficulty) for i in items])
    entry = [i for i in items if parts[i.code] == "entry"]
    final = [i for i in items if parts[i.code] == "final"]
    assert {i.code for i in entry}.isdisjoint({i.code for i in final})
    assert len(entry) + len(final) == len(items)
    assert abs(len(entry) - len(final)) <= len(TOPICS)
    mean = lambda xs: sum(i.difficulty for i in xs) / len(xs)  # noqa: E731
    assert abs(mean(entry) - mean(final)) < 0.15
    for topic in TOPICS:  # every topic that the level has is in both parts
        has = [i for i in items if i.topic == topic]
        if len(has) >= 2:
            assert any(i.topic == topic for i in entry) and any(i.topic == topic for i in final)


def _bank(
    level: str, part: str
) -> tuple[list[BankQuestion], dict[int, int], dict[int, dict[int, int]]]:
    """The part as the form engine sees it, with the right choice and option lengths."""
    items = items_for(level)
    parts = split_parts([(i.code, i.topic, i.difficulty) for i in items])
    bank, right, length = [], {}, {}
    for qid, item in enumerate((i for i in items if parts[i.code] == part), start=1):
        ids = tuple(qid * 10 + k for k in range(len(item.options)))
        bank.append(BankQuestion(qid, item.topic, item.difficulty, ids))
        right[qid] = ids[0]
        length[qid] = {cid: len(item.options[k][1]) for k, cid in enumerate(ids)}
    return bank, right, length


def test_strategies_that_ignore_the_questions_score_at_chance_level() -> None:
    """5,000 simulated attempts per strategy (fixed seed). The mean share of right answers of
    "always the first option", "always the same position" and "always the longest option" stays
    within four standard errors of chance (1 / number of options), and none of them reaches
    the pass mark in more than 1 % of attempts."""
    rng = random.Random(2026)
    rules = TrainingRules()
    n = 5000
    for level in LEVELS:
        for part in ("entry", "final"):
            bank, right, length = _bank(level, part)
            chance = sum(1 / len(q.choice_ids) for q in bank) / len(bank)
            lengths = length
            strategies = {
                "first": lambda order, q: order[0],
                "third": lambda order, q: order[min(2, len(order) - 1)],
                "longest": lambda order, q, lengths=lengths: max(
                    order, key=lambda c: lengths[q][c]
                ),
            }
            for name, pick in strategies.items():
                shares, passes = [], 0
                for _ in range(n):
                    form = draw_form(bank, size=rules.questions_per_test, rng=rng)
                    score = sum(
                        pick(f.choice_order, f.question_id) == right[f.question_id] for f in form
                    )
                    shares.append(score / len(form))
                    passes += rules.passes(score, len(form))
                mean = sum(shares) / n
                se = math.sqrt(chance * (1 - chance) / (n * rules.questions_per_test))
                # Position strategies land on chance itself; "the longest" may fall below it
                # (distractors are written long on purpose) but must not rise above it.
                if name == "longest":
                    assert mean < chance + 4 * se + 0.02, (level, part, name, mean, chance)
                else:
                    assert abs(mean - chance) < 4 * se, (level, part, name, mean, chance)
                assert passes / n < 0.01, (level, part, name, passes)


def test_a_form_draws_across_topics_and_shuffles_each_questions_options() -> None:
    bank, _, _ = _bank("precinct", "entry")
    rng = random.Random(1)
    form = draw_form(bank, size=20, rng=rng)
    topics = Counter(next(q.topic for q in bank if q.id == f.question_id) for f in form)
    assert len(topics) == len({q.topic for q in bank})  # every topic of the part appears
    assert max(topics.values()) - min(topics.values()) <= max(1, 20 // len(topics))
    firsts = Counter(f.choice_order.index(f.question_id * 10) for f in form)
    assert len(firsts) > 1  # the right option is not always in the same place
    other = draw_form(bank, size=20, rng=rng)
    assert [f.question_id for f in form] != [f.question_id for f in other]


@pytest.mark.django_db
def test_loading_the_bank_is_idempotent_and_retires_the_old_starter_questions() -> None:
    Question.objects.create(code="VOTE-AGE", text_kk="?", text_ru="?")
    added = load_question_bank()
    assert added == sum(len(items_for(level)) for level in LEVELS)
    assert load_question_bank() == 0
    assert not Question.objects.get(code="VOTE-AGE").active
    q = Question.objects.get(code="P-V01")
    assert (q.level, q.topic, q.article) == ("precinct", "voting", "Election law Art. 4")
    assert q.choices.filter(is_correct=True).count() == 1
    assert set(Question.objects.filter(level="precinct").values_list("kind", flat=True)) == {
        "entry",
        "final",
    }
