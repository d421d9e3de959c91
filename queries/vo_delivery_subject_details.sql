-- Question: Per vestiging and vak, what were the average first-tijdvak CE grade, the average final eindcijfer
--   and the SE-CE gap, how many candidates used a second or third tijdvak (and what share of the CE candidates
--   that is), and how many certificates did deelexamen candidates earn, according to the record-level
--   deliveries (examengegevens, Bijlage 2)?
-- Param schooljaar (varchar): the examenjaar's schooljaar, e.g. '2023-2024'.
-- Param vestigingscode (varchar, default ''): BRIN + 2 digits; '' = every vestiging.
-- Param onderwijstype (varchar, default ''): e.g. 'HAVO'; '' = every onderwijstype.
-- Output: schooljaar, vestigingscode, vestigingsnaam, onderwijstype, leerweg, vakcode, vakafkorting, vaknaam,
--   aantal_ce, aantal_ce_suppression, gem_ce_1, gem_ce_1_suppression, gem_eindcijfer,
--   gem_eindcijfer_suppression, gem_se_min_ce, gem_se_min_ce_suppression, tijdvak_2_of_3,
--   tijdvak_2_of_3_suppression, share_tijdvak_2_of_3, share_tijdvak_2_of_3_suppression,
--   certificaten_deelexamen, certificaten_deelexamen_suppression
-- Note: the published cells as they are, per vestiging (the table has no national rows, and averages without
--   their counts cannot be combined). aantal_ce is the number of CE candidates of the same vestiging,
--   onderwijstype, leerweg and vak from the deliveries' vo_subject_grades (NULL with its reason when
--   protected). share_tijdvak_2_of_3 is the published percentage as a fraction (0-1).

with subject_details as (
    select * from vo_subject_details
    where source = 'deliveries'
),

subject_grades as (
    select * from vo_subject_grades
    where source = 'deliveries'
),

chosen as (
    select *
    from subject_details
    where schooljaar = $schooljaar
        and ($vestigingscode = '' or vestigingscode = $vestigingscode)
        and ($onderwijstype = '' or onderwijstype = $onderwijstype)
),

final as (
    select
        chosen.schooljaar,
        chosen.vestigingscode,
        chosen.vestigingsnaam,
        chosen.onderwijstype,
        chosen.leerweg,
        chosen.vakcode,
        chosen.vakafkorting,
        chosen.vaknaam,
        subject_grades.aantal_ce,
        subject_grades.aantal_ce_suppression,
        chosen.gem_ce_1,
        chosen.gem_ce_1_suppression,
        chosen.gem_eindcijfer,
        chosen.gem_eindcijfer_suppression,
        chosen.gem_se_min_ce,
        chosen.gem_se_min_ce_suppression,
        chosen.tijdvak_2_of_3,
        chosen.tijdvak_2_of_3_suppression,
        chosen.aandeel_tijdvak_2_of_3 / 100 as share_tijdvak_2_of_3,
        chosen.aandeel_tijdvak_2_of_3_suppression as share_tijdvak_2_of_3_suppression,
        chosen.certificaten_deelexamen,
        chosen.certificaten_deelexamen_suppression
    from chosen
    left join subject_grades
        on subject_grades.schooljaar = chosen.schooljaar
        and subject_grades.vestigingscode = chosen.vestigingscode
        and subject_grades.onderwijstype = chosen.onderwijstype
        and subject_grades.leerweg is not distinct from chosen.leerweg
        and subject_grades.vakcode = chosen.vakcode
)

select * from final
order by vestigingsnaam, vestigingscode, onderwijstype, leerweg nulls first, vaknaam, vakcode
