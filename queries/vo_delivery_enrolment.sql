-- Question: How many pupils were enrolled on the teldatum (1 October) per vestiging, ILT code (opleiding) and
--   leerjaar, how many of them were nieuwkomers by verblijfsduur, and how many had years of
--   praktijkonderwijs, according to the record-level deliveries (inschrijvingsgegevens, Bijlage 1)?
-- Param schooljaar (varchar): the schooljaar of the teldatum, e.g. '2024-2025'.
-- Param vestigingscode (varchar, default ''): BRIN + 2 digits; '' = every vestiging.
-- Param onderwijstype (varchar, default ''): e.g. 'HAVO'; '' = every onderwijstype.
-- Output: schooljaar, teldatum, vestigingscode, vestigingsnaam, ilt_code, opleidingsnaam, onderwijstype,
--   leerweg, leerjaar, leerlingen, leerlingen_suppression, nieuwkomers_d1, nieuwkomers_d1_suppression,
--   nieuwkomers_d2, nieuwkomers_d2_suppression, leerlingen_praktijkonderwijs,
--   leerlingen_praktijkonderwijs_suppression, gem_jaren_praktijkonderwijs,
--   gem_jaren_praktijkonderwijs_suppression
-- Note: the published cells as they are: a protected value is NULL with its reason. d1 is a verblijfsduur
--   under one year, d2 one to two years.

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

final as (
    select
        schooljaar,
        teldatum,
        vestigingscode,
        vestigingsnaam,
        ilt_code,
        opleidingsnaam,
        onderwijstype,
        leerweg,
        leerjaar,
        leerlingen,
        leerlingen_suppression,
        nieuwkomers_d1,
        nieuwkomers_d1_suppression,
        nieuwkomers_d2,
        nieuwkomers_d2_suppression,
        leerlingen_praktijkonderwijs,
        leerlingen_praktijkonderwijs_suppression,
        gem_jaren_praktijkonderwijs,
        gem_jaren_praktijkonderwijs_suppression
    from chosen
)

select * from final
order by vestigingsnaam, vestigingscode, onderwijstype, leerjaar, ilt_code
