"""File names are safe on every operating system; the formula test is exactly the six starts."""
from examencijfers.extracts.safety import extract_filename, is_formula_like, neutralise_text, safe_filename


def test_formula_starts():
    for text in ("=1+1", "+31", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert is_formula_like(text) and neutralise_text(text) == "'" + text
    for text in ("Rijschool", "1+1", " =x", "", "'=already"):
        assert not is_formula_like(text) and neutralise_text(text) == text


def test_safe_filename():
    assert safe_filename("../../etc/passwd", "csv") == "etc_passwd.csv"
    assert safe_filename("Rijschool Élan: a/b\\c?*", "xlsx") == "Rijschool_Elan_a_b_c.xlsx"
    assert safe_filename("CON", "csv") == "_CON.csv"
    assert safe_filename("...", "zip") == "extract.zip"
    assert len(safe_filename("x" * 500, "parquet")) <= 120


def test_extract_filename_lists_filter_values():
    assert extract_filename("vo_pass_rates", {"schooljaar": ("2023-2024",), "inspectiecode": (None,)}, "csv") == \
        "vo_pass_rates_schooljaar-2023-2024_inspectiecode-null.csv"
