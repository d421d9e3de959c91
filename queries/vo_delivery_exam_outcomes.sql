-- Question: Per vestiging and ILT code (opleiding), how many exam candidates withdrew (teruggetrokken), took a
--   spread exam (gespreid examen) or a deelexamen, according to the record-level deliveries (examengegevens,
--   Bijlage 2)?
-- Param schooljaar (varchar): the examenjaar's schooljaar, e.g. '2023-2024'.
-- Param vestigingscode (varchar, default ''): BRIN + 2 digits; '' = every vestiging.
-- Param onderwijstype (varchar, default ''): e.g. 'HAVO'; '' = every onderwijstype.
-- Output: schooljaar, vestigingscode, vestigingsnaam, ilt_code, opleidingsnaam, onderwijstype, leerweg, sector,
--   afdeling, teruggetrokken, teruggetrokken_suppression, gespreid, gespreid_suppression, deelexamen,
--   deelexamen_suppression
-- Note: the published cells as they are: a protected count is NULL with its reason. These candidates are no
--   part of the geslaagden and afgewezenen of vo_pass_rates.

with exam_outcomes as (
    select * from vo_exam_outcomes
    where source = 'deliveries'
),

chosen as (
    select *
    from exam_outcomes
    where schooljaar = $schooljaar
        and ($vestigingscode = '' or vestigingscode = $vestigingscode)
        and ($onderwijstype = '' or onderwijstype = $onderwijstype)
),

final as (
    select
        schooljaar,
        vestigingscode,
        vestigingsnaam,
        ilt_code,
        opleidingsnaam,
        onderwijstype,
        leerweg,
        sector,
        afdeling,
        teruggetrokken,
        teruggetrokken_suppression,
        gespreid,
        gespreid_suppression,
        deelexamen,
        deelexamen_suppression
    from chosen
)

select * from final
order by vestigingsnaam, vestigingscode, onderwijstype, ilt_code
