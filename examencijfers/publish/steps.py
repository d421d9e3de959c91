"""The publish step as data: which SQL file fills which table, in order.

A temp step materialises an intermediate (temp table, in memory, never written to the published file);
a published step inserts into a table of the contract (published.sql) by column name. A step that needs
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
    temp: bool = False
    needs: str | None = None      # a warehouse table without which the step is skipped (its table left empty)

    def sql(self) -> str:
        return (PUBLISH_SQL / self.sql_file).read_text(encoding="utf-8")


CBR_STEPS: tuple[Step, ...] = (
    Step("publish_cbr_catalogue_rules", "cbr_catalogue_rules.sql", temp=True),
    Step("publish_cbr_period_status", "cbr_period_status.sql", temp=True),
    Step("publish_cbr_opleider_long", "cbr_opleider_long.sql", temp=True),
    Step("suppression_reasons", "suppression_reasons.sql"),
    Step("sources", "sources.sql"),
    Step("cbr_products", "cbr_products.sql"),
    Step("vo_vestigingen", "vo_vestigingen.sql"),
    Step("cbr_exams_weekly", "cbr_exams_weekly.sql"),
    Step("cbr_diplomas_weekly", "cbr_diplomas_weekly.sql"),
    Step("cbr_opleider_results", "cbr_opleider_results.sql"),
    Step("cbr_product_rates", "cbr_product_rates.sql"),
)
