-- Question: CBR Opleiderresultaten made long, each row judged by CBR's criteria for its period.
-- Parameters: none here (the criteria come from publish_cbr_period_status).
-- Input: wh.cbr_opleiderresultaten, wh.sources, publish_cbr_period_status.
-- Output: one row per source x opleider x product x examenlocatie x soort_examen x transmissie, with the
--   exact counts and cbr_reason (NULL = the product may be published for this period). Transmission rows
--   without exams are left out; the 'totaal' rows always stay. An intermediate: not published as such.
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

unpivoted as (
    select
        opleider_rows.*,
        cells.soort_examen,
        cells.transmissie,
        cells.voldoende,
        cells.onvoldoende
    from opleider_rows
    cross join lateral (values
        ('eerste', 'totaal', eerste_voldoende, eerste_onvoldoende),
        ('eerste', 'automaat', eerste_automaat_voldoende, eerste_automaat_onvoldoende),
        ('eerste', 'combi', eerste_combi_voldoende, eerste_combi_onvoldoende),
        ('eerste', 'handgeschakeld', eerste_handgeschakeld_voldoende, eerste_handgeschakeld_onvoldoende),
        ('her', 'totaal', her_voldoende, her_onvoldoende),
        ('her', 'automaat', her_automaat_voldoende, her_automaat_onvoldoende),
        ('her', 'combi', her_combi_voldoende, her_combi_onvoldoende),
        ('her', 'handgeschakeld', her_handgeschakeld_voldoende, her_handgeschakeld_onvoldoende)
    ) as cells (soort_examen, transmissie, voldoende, onvoldoende)
),

final as (
    select
        unpivoted.source_id,
        sources.publication,
        unpivoted.examenperiode_begindatum as period_start,
        unpivoted.examenperiode_einddatum as period_end,
        unpivoted.opleidercode,
        unpivoted.opleidernaam,
        unpivoted.opleider_plaatsnaam as opleider_plaats,
        coalesce(unpivoted.opleider_einddatum >= unpivoted.examenperiode_einddatum, true) as opleider_actief,
        unpivoted.categoriecode,
        unpivoted.productcode,
        unpivoted.productnaam,
        unpivoted.examenlocatienaam as examenlocatie,
        unpivoted.examenlocatie_plaatsnaam as examenlocatie_plaats,
        unpivoted.soort_examen,
        unpivoted.transmissie,
        unpivoted.voldoende,
        unpivoted.onvoldoende,
        unpivoted.voldoende + unpivoted.onvoldoende as n,
        period_status.cbr_reason
    from unpivoted
    join sources using (source_id)
    left join period_status using (source_id, productcode)
    where unpivoted.transmissie = 'totaal' or unpivoted.voldoende + unpivoted.onvoldoende > 0
)

select * from final
