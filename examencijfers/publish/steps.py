"""The publish step as data: which SQL file fills which table, in order.

An intermediate is a temp table (in memory, never written to the published file) or, when its readers
each read it once and materialising it costs more than computing it again, a temp view; a published step
inserts into a table of the contract (published.sql) by column name. A step that needs
a warehouse table (the deliveries' aggregates exist only once deliveries are loaded) is skipped without it.
"""
from __future__ import annotations

from dataclasses import dataclass

from examencijfers import paths

PUBLISH_SQL = paths.SQL / "publish"


@dataclass(frozen=True)
class Step:
    table: str
    sql_file: str
    temp: bool = False            # an intermediate: a temp table (or view)
    view: bool = False            # the intermediate is a temp view: each reader computes it
    needs: str | None = None      # a warehouse table without which the step is skipped (its table left empty)

    def sql(self) -> str:
        return (PUBLISH_SQL / self.sql_file).read_text(encoding="utf-8")


CBR_STEPS: tuple[Step, ...] = (
    Step("publish_cbr_catalogue_rules", "cbr_catalogue_rules.sql", temp=True),
    Step("publish_cbr_period_status", "cbr_period_status.sql", temp=True),
    # 18.7 million long rows at 100x: writing them to memory cost more (6 s) than the three readers
    # computing them again from the wide rows (results 9.4 -> 11.1 s, product rates 1.3 -> 2.3 s, counts 0.9 s)
    Step("publish_cbr_opleider_long", "cbr_opleider_long.sql", temp=True, view=True),
    Step("suppression_reasons", "suppression_reasons.sql"),
    Step("sources", "sources.sql"),
    Step("cbr_products", "cbr_products.sql"),
    Step("vo_vestigingen", "vo_vestigingen.sql"),
    Step("cbr_exams_weekly", "cbr_exams_weekly.sql"),
    Step("cbr_diplomas_weekly", "cbr_diplomas_weekly.sql"),
    Step("cbr_opleider_results", "cbr_opleider_results.sql"),
    Step("cbr_product_rates", "cbr_product_rates.sql"),
)
