-- Question: Which schooljaren, vestigingen and onderwijstypen have figures from the record-level deliveries
--   (Regeling gegevenslevering onderwijsnummer VO), in each of their three tables: enrolment on the teldatum,
--   subject details and exam outcomes?
-- Output: dataset, schooljaar, vestigingscode, vestigingsnaam, plaatsnaam, onderwijstype, cells
-- Note: dataset is 'enrolment' (vo_enrolment), 'subject_details' (vo_subject_details) or 'exam_outcomes'
--   (vo_exam_outcomes); cells counts the table's rows for the combination, protected or not. The filters of
--   the deliveries page are built from this list.

with enrolment as (
    select * from vo_enrolment
),

subject_details as (
    select * from vo_subject_details
),

exam_outcomes as (
    select * from vo_exam_outcomes
),

vestigingen as (
    select * from vo_vestigingen
),

rows_per_table as (
    select 'enrolment' as dataset, schooljaar, vestigingscode, vestigingsnaam, onderwijstype
    from enrolment
    union all
    select 'subject_details' as dataset, schooljaar, vestigingscode, vestigingsnaam, onderwijstype
    from subject_details
    union all
    select 'exam_outcomes' as dataset, schooljaar, vestigingscode, vestigingsnaam, onderwijstype
    from exam_outcomes
),

counted as (
    select
        dataset,
        schooljaar,
        vestigingscode,
        min(vestigingsnaam) as vestigingsnaam,
        onderwijstype,
        count(*) as cells
    from rows_per_table
    group by dataset, schooljaar, vestigingscode, onderwijstype
),

final as (
    select
        counted.dataset,
        counted.schooljaar,
        counted.vestigingscode,
        coalesce(counted.vestigingsnaam, vestigingen.vestigingsnaam) as vestigingsnaam,
        vestigingen.plaatsnaam,
        counted.onderwijstype,
        counted.cells
    from counted
    left join vestigingen
        on vestigingen.vestigingscode = counted.vestigingscode
)

select * from final
order by dataset, schooljaar desc, vestigingsnaam, vestigingscode, onderwijstype
