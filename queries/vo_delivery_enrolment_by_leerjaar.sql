-- Question: How many pupils were enrolled on the teldatum per onderwijstype and leerjaar, summed over the
--   chosen vestigingen and opleidingen of the record-level deliveries, and how many cells of each sum are
--   protected and therefore left out of it?
-- Param schooljaar (varchar): the schooljaar of the teldatum, e.g. '2024-2025'.
-- Param vestigingscode (varchar, default ''): BRIN + 2 digits; '' = every vestiging.
-- Param onderwijstype (varchar, default ''): e.g. 'HAVO'; '' = every onderwijstype.
-- Output: onderwijstype, leerjaar, vestigingen, cells, leerlingen, leerlingen_withheld, leerlingen_suppression,
--   nieuwkomers_d1, nieuwkomers_d1_withheld, nieuwkomers_d1_suppression, nieuwkomers_d2,
--   nieuwkomers_d2_withheld, nieuwkomers_d2_suppression, leerlingen_praktijkonderwijs,
--   leerlingen_praktijkonderwijs_withheld, leerlingen_praktijkonderwijs_suppression
-- Note: each sum is the sum of the published cells only (the known part). <col>_withheld counts the protected
--   cells it leaves out: 0 means the sum is the whole, more than 0 means the true total is larger by an
--   unknown amount. A protected cell is never counted as 0: a sum whose cells are all protected is NULL, with
--   the reason of its cells in <col>_suppression (the first by name when they differ).

with enrolment as (
    select * from vo_enrolment
    where source = 'deliveries'
),

chosen as (
    select *
    from enrolment
    where schooljaar = $schooljaar
        and ($vestigingscode = '' or vestigingscode = $vestigingscode)
        and ($onderwijstype = '' or onderwijstype = $onderwijstype)
),

summed as (
    select
        onderwijstype,
        leerjaar,
        count(distinct vestigingscode) as vestigingen,
        count(*) as cells,
        cast(sum(leerlingen) as bigint) as leerlingen,
        count(*) filter (where leerlingen is null) as leerlingen_withheld,
        case when count(leerlingen) = 0 then min(leerlingen_suppression) end
            as leerlingen_suppression,
        cast(sum(nieuwkomers_d1) as bigint) as nieuwkomers_d1,
        count(*) filter (where nieuwkomers_d1 is null) as nieuwkomers_d1_withheld,
        case when count(nieuwkomers_d1) = 0 then min(nieuwkomers_d1_suppression) end
            as nieuwkomers_d1_suppression,
        cast(sum(nieuwkomers_d2) as bigint) as nieuwkomers_d2,
        count(*) filter (where nieuwkomers_d2 is null) as nieuwkomers_d2_withheld,
        case when count(nieuwkomers_d2) = 0 then min(nieuwkomers_d2_suppression) end
            as nieuwkomers_d2_suppression,
        cast(sum(leerlingen_praktijkonderwijs) as bigint) as leerlingen_praktijkonderwijs,
        count(*) filter (where leerlingen_praktijkonderwijs is null) as leerlingen_praktijkonderwijs_withheld,
        case when count(leerlingen_praktijkonderwijs) = 0 then min(leerlingen_praktijkonderwijs_suppression) end
            as leerlingen_praktijkonderwijs_suppression
    from chosen
    group by onderwijstype, leerjaar
),

final as (
    select
        onderwijstype,
        leerjaar,
        vestigingen,
        cells,
        leerlingen,
        leerlingen_withheld,
        leerlingen_suppression,
        nieuwkomers_d1,
        nieuwkomers_d1_withheld,
        nieuwkomers_d1_suppression,
        nieuwkomers_d2,
        nieuwkomers_d2_withheld,
        nieuwkomers_d2_suppression,
        leerlingen_praktijkonderwijs,
        leerlingen_praktijkonderwijs_withheld,
        leerlingen_praktijkonderwijs_suppression
    from summed
)

select * from final
order by onderwijstype, leerjaar nulls last
