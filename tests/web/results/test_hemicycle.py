from hypothesis import given
from hypothesis import strategies as st

from saylau.web.results.hemicycle import hemicycle_svg, legend


@given(st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=8))
def test_the_hemicycle_draws_exactly_one_seat_per_mandate(seats: list[int]) -> None:
    parties = [(f"P{i}", n) for i, n in enumerate(seats)]
    svg = hemicycle_svg(parties, title="Seats")
    assert svg.count("<circle") == sum(seats)
    assert svg.startswith("<svg") and "<title" in svg


def test_the_hemicycle_colours_parties_left_to_right_in_the_order_given() -> None:
    svg = hemicycle_svg([("A", 2), ("B", 1)], title="Seats")
    colours = [part.split('fill="')[1][:7] for part in svg.split("<circle")[1:]]
    a, b = legend([("A", 2), ("B", 1)])[0][2], legend([("A", 2), ("B", 1)])[1][2]
    assert colours == [a, a, b]
