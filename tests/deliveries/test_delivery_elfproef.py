"""The check digit of the persoonsgebonden nummer (BSN elfproef, onderwijsnummer rule), worked by hand.

Weights 9, 8, 7, 6, 5, 4, 3, 2, -1. A BSN's weighted sum divides by 11; an onderwijsnummer's leaves 5
and the number starts with 10.
"""
import pytest

from examencijfers.ingest.deliveries import elfproef


# 111222333: 9+8+7+12+10+8+9+6-3 = 66 = 6*11.   123456782: 9+16+21+24+25+24+21+16-2 = 154 = 14*11.
@pytest.mark.parametrize("number", ["111222333", "123456782"])
def test_a_number_whose_weighted_sum_divides_by_eleven_is_a_bsn(number):
    assert elfproef.is_bsn(number)
    assert elfproef.number_kind(number) == "bsn"


# 100000004: 9 - 4 = 5 -> remainder 5, starts with 10.
def test_remainder_five_starting_with_10_is_an_onderwijsnummer():
    assert elfproef.is_onderwijsnummer("100000004")
    assert elfproef.number_kind("100000004") == "onderwijsnummer"


# 200000002: 18 - 2 = 16 = 11 + 5 -> remainder 5, but it starts with 20.
def test_remainder_five_without_the_10_prefix_is_no_onderwijsnummer():
    assert not elfproef.is_onderwijsnummer("200000002")
    assert elfproef.number_kind("200000002") is None


# 101234567: 9+0+7+12+15+16+15+12-7 = 79 = 7*11 + 2.  111222334: 66 - 1 = 65 = 5*11 + 10.
# 000000000: sum 0, but all zeros is no number.  Then wrong lengths and a letter.
@pytest.mark.parametrize("number", ["101234567", "111222334", "000000000", "12345678", "1234567890", "12345678a"])
def test_numbers_failing_both_rules_are_rejected(number):
    assert elfproef.number_kind(number) is None
