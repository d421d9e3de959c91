-- Question: CBR Opleiderresultaten made long, each row judged by CBR's criteria for its period.
-- Parameters: none here (the criteria come from publish_cbr_period_status).
-- Input: wh.cbr_opleiderresultaten, wh.sources, publish_cbr_period_status.
-- Output: one row per source x opleider x product x examenlocatie x soort_examen x transmissie, with the
--   exact counts and cbr_reason (NULL = the product may be published for this period), and per source x
--   opleider x product x soort_examen x transmissie one examenlocatie = '*' row: all its locations
--   together (examenlocatie_plaats NULL). Transmission rows without exams are left out; the 'totaal'
--   rows always stay. An intermediate (a temp view, see publish/steps.py), read by cbr_opleider_results.sql
--   (location and '*' rows alike), cbr_product_rates.sql (the location rows per location, the '*' rows
--   nationally) and the suppression counts.
-- Note: the eight (soort_examen, transmissie) cells of a wide row are taken out by a union of eight
--   plain selects of the judged rows rather than a lateral join of a values list: DuckDB scans the
--   columns eight times, which at 100x (3.1 million wide rows, 11.5 million long ones) is four times
--   faster than building eight rows per wide row in the lateral join (about 6 s against 21 s). The '*'
--   rows are summed from the wide rows before that (3.1 million rows into 2 million, where summing the
--   long rows groups 11.5 million into 7.4 million: about three times faster).
with

opleider_rows as (
    select * from wh.cbr_opleiderresultaten
),

sources as (
    select source_id, publication from wh.sources
),

period_status as (
    select source_id, productcode, suppression as cbr_reason from publish_cbr_period_status
),

judged as (
    select
        opleider_rows.source_id,
        sources.publication,
        opleider_rows.examenperiode_begindatum as period_start,
        opleider_rows.examenperiode_einddatum as period_end,
        opleider_rows.opleidercode,
        opleider_rows.opleidernaam,
        opleider_rows.opleider_plaatsnaam as opleider_plaats,
        coalesce(opleider_rows.opleider_einddatum >= opleider_rows.examenperiode_einddatum, true)
            as opleider_actief,
        opleider_rows.categoriecode,
        opleider_rows.productcode,
        opleider_rows.productnaam,
        opleider_rows.examenlocatienaam as examenlocatie,
        opleider_rows.examenlocatie_plaatsnaam as examenlocatie_plaats,
        period_status.cbr_reason,
        opleider_rows.eerste_voldoende,
        opleider_rows.eerste_onvoldoende,
        opleider_rows.eerste_automaat_voldoende,
        opleider_rows.eerste_automaat_onvoldoende,
        opleider_rows.eerste_combi_voldoende,
        opleider_rows.eerste_combi_onvoldoende,
        opleider_rows.eerste_handgeschakeld_voldoende,
        opleider_rows.eerste_handgeschakeld_onvoldoende,
        opleider_rows.her_voldoende,
        opleider_rows.her_onvoldoende,
        opleider_rows.her_automaat_voldoende,
        opleider_rows.her_automaat_onvoldoende,
        opleider_rows.her_combi_voldoende,
        opleider_rows.her_combi_onvoldoende,
        opleider_rows.her_handgeschakeld_voldoende,
        opleider_rows.her_handgeschakeld_onvoldoende
    from opleider_rows
    join sources using (source_id)
    left join period_status using (source_id, productcode)
),

all_locations as (
    select
        source_id,
        publication,
        min(period_start) as period_start,
        max(period_end) as period_end,
        opleidercode,
        max(opleidernaam) as opleidernaam,
        max(opleider_plaats) as opleider_plaats,
        bool_or(opleider_actief) as opleider_actief,
        max(categoriecode) as categoriecode,
        productcode,
        max(productnaam) as productnaam,
        '*' as examenlocatie,
        null::varchar as examenlocatie_plaats,
        max(cbr_reason) as cbr_reason,
        cast(sum(eerste_voldoende) as integer) as eerste_voldoende,
        cast(sum(eerste_onvoldoende) as integer) as eerste_onvoldoende,
        cast(sum(eerste_automaat_voldoende) as integer) as eerste_automaat_voldoende,
        cast(sum(eerste_automaat_onvoldoende) as integer) as eerste_automaat_onvoldoende,
        cast(sum(eerste_combi_voldoende) as integer) as eerste_combi_voldoende,
        cast(sum(eerste_combi_onvoldoende) as integer) as eerste_combi_onvoldoende,
        cast(sum(eerste_handgeschakeld_voldoende) as integer) as eerste_handgeschakeld_voldoende,
        cast(sum(eerste_handgeschakeld_onvoldoende) as integer) as eerste_handgeschakeld_onvoldoende,
        cast(sum(her_voldoende) as integer) as her_voldoende,
        cast(sum(her_onvoldoende) as integer) as her_onvoldoende,
        cast(sum(her_automaat_voldoende) as integer) as her_automaat_voldoende,
        cast(sum(her_automaat_onvoldoende) as integer) as her_automaat_onvoldoende,
        cast(sum(her_combi_voldoende) as integer) as her_combi_voldoende,
        cast(sum(her_combi_onvoldoende) as integer) as her_combi_onvoldoende,
        cast(sum(her_handgeschakeld_voldoende) as integer) as her_handgeschakeld_voldoende,
        cast(sum(her_handgeschakeld_onvoldoende) as integer) as her_handgeschakeld_onvoldoende
    from judged
    group by source_id, publication, opleidercode, productcode
),

wide as (
    select * from judged
    union all by name
    select * from all_locations
),

cells as (
    select *, 'eerste' as soort_examen, 'totaal' as transmissie,
        eerste_voldoende as voldoende, eerste_onvoldoende as onvoldoende
    from wide
    union all
    select *, 'eerste' as soort_examen, 'automaat' as transmissie,
        eerste_automaat_voldoende as voldoende, eerste_automaat_onvoldoende as onvoldoende
    from wide
    where eerste_automaat_voldoende + eerste_automaat_onvoldoende > 0
    union all
    select *, 'eerste' as soort_examen, 'combi' as transmissie,
        eerste_combi_voldoende as voldoende, eerste_combi_onvoldoende as onvoldoende
    from wide
    where eerste_combi_voldoende + eerste_combi_onvoldoende > 0
    union all
    select *, 'eerste' as soort_examen, 'handgeschakeld' as transmissie,
        eerste_handgeschakeld_voldoende as voldoende, eerste_handgeschakeld_onvoldoende as onvoldoende
    from wide
    where eerste_handgeschakeld_voldoende + eerste_handgeschakeld_onvoldoende > 0
    union all
    select *, 'her' as soort_examen, 'totaal' as transmissie,
        her_voldoende as voldoende, her_onvoldoende as onvoldoende
    from wide
    union all
    select *, 'her' as soort_examen, 'automaat' as transmissie,
        her_automaat_voldoende as voldoende, her_automaat_onvoldoende as onvoldoende
    from wide
    where her_automaat_voldoende + her_automaat_onvoldoende > 0
    union all
    select *, 'her' as soort_examen, 'combi' as transmissie,
        her_combi_voldoende as voldoende, her_combi_onvoldoende as onvoldoende
    from wide
    where her_combi_voldoende + her_combi_onvoldoende > 0
    union all
    select *, 'her' as soort_examen, 'handgeschakeld' as transmissie,
        her_handgeschakeld_voldoende as voldoende, her_handgeschakeld_onvoldoende as onvoldoende
    from wide
    where her_handgeschakeld_voldoende + her_handgeschakeld_onvoldoende > 0
),

final as (
    select
        source_id,
        publication,
        period_start,
        period_end,
        opleidercode,
        opleidernaam,
        opleider_plaats,
        opleider_actief,
        categoriecode,
        productcode,
        productnaam,
        examenlocatie,
        examenlocatie_plaats,
        soort_examen,
        transmissie,
        voldoende,
        onvoldoende,
        voldoende + onvoldoende as n,
        cbr_reason
    from cells
)

select * from final
