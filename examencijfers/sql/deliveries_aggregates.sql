-- Aggregates of the record-level VO deliveries (Bijlage 1 and 2 of the Regeling gegevenslevering
-- onderwijsnummer VO), computed from the pseudonymised records in the warehouse.
--
-- Questions: per vestiging x ILT code x examenjaar, how many candidates passed, failed, withdrew; per vak,
-- what are the average SE, CE (first tijdvak and final), eindcijfer and cijferlijst grades, the SE-CE gap,
-- how many used a second or third tijdvak, how many certificates deelexamen candidates earned; per
-- vestiging x ILT code x leerjaar, how many pupils were enrolled on the teldatum (1 October), how many
-- nieuwkomers by verblijfsduur, and their years in praktijkonderwijs.
-- Parameters: none. Reads delivery_files, delivery_kandidaten, delivery_vakken, delivery_inschrijvingen
-- and the reference copies delivery_ref_* (refreshed by examencijfers.ingest.deliveries.build_aggregates).
-- Output (warehouse tables, recreated on every build):
--   deliveries_kandidaten_counted   view: the candidates that count (no error; newest delivery per person)
--   deliveries_exam_results         vestiging x ILT x examenjaar: counts by uitslag and the pass rate
--   deliveries_subject_details      vestiging x ILT x examenjaar x vak: all grade averages
--   deliveries_enrolment            teldatum x vestiging x ILT x leerjaar: pupils, nieuwkomers, pro years
--   deliveries_pass_rates           shaped as published.sql's vo_pass_rates (source 'deliveries')
--   deliveries_subject_grades       shaped as published.sql's vo_subject_grades (source 'deliveries')
--   deliveries_results_by_afdeling  shaped as published.sql's vo_results_by_afdeling (source 'deliveries')
-- Counting rules:
--   * a record with an error-level finding is left out; a candidate is left out when its K record or any
--     of its V records has an error;
--   * a person delivered twice for the same examenjaar (or teldatum) counts once: the newest delivery
--     (delivered_on, then source_id, then the later line) wins;
--   * examenkandidaten = geslaagd + afgewezen; teruggetrokken, gespreid and deelexamen are counted apart;
--   * the final CE grade is the highest of the tijdvakken (the one that counts after a herkansing), the
--     final eindcijfer likewise.

create or replace view deliveries_kandidaten_counted as
with

kandidaten as (
    select * from delivery_kandidaten
),

files as (
    select * from delivery_files
),

without_errors as (
    select
        kandidaten.*,
        files.delivered_on
    from kandidaten
    join files using (source_id)
    where not kandidaten.has_error
),

newest_per_person as (
    select * from without_errors
    qualify row_number() over (
        partition by pseudonym, examenjaar
        order by delivered_on desc, source_id desc, line_no desc
    ) = 1
),

final as (
    select * from newest_per_person
)

select * from final;


create or replace table deliveries_exam_results as
with

kandidaten as (
    select * from deliveries_kandidaten_counted
),

ilt_codes as (
    select * from delivery_ref_ilt_codes
),

vestigingen as (
    select * from delivery_ref_vestigingen
),

counted as (
    select
        vestigingscode,
        ilt_code,
        examenjaar,
        count(*) as kandidaten,
        count(*) filter (where uitslag in ('G', 'A')) as examenkandidaten,
        count(*) filter (where uitslag = 'G') as geslaagd,
        count(*) filter (where uitslag = 'A') as afgewezen,
        count(*) filter (where uitslag = 'T') as teruggetrokken,
        count(*) filter (where uitslag = 'S') as gespreid,
        count(*) filter (where uitslag = 'D') as deelexamen
    from kandidaten
    group by all
),

final as (
    select
        counted.examenjaar,
        (counted.examenjaar - 1) || '-' || counted.examenjaar as schooljaar,
        vestigingen.instellingscode,
        counted.vestigingscode,
        vestigingen.vestigingsnaam,
        vestigingen.gemeentenaam,
        vestigingen.provincie,
        counted.ilt_code,
        ilt_codes.opleidingsnaam,
        ilt_codes.onderwijstype,
        ilt_codes.leerweg,
        ilt_codes.sector,
        ilt_codes.afdeling,
        counted.kandidaten,
        counted.examenkandidaten,
        counted.geslaagd,
        counted.afgewezen,
        counted.teruggetrokken,
        counted.gespreid,
        counted.deelexamen,
        round(100.0 * counted.geslaagd / nullif(counted.examenkandidaten, 0), 1) as slaagpercentage
    from counted
    join ilt_codes using (ilt_code)
    join vestigingen using (vestigingscode)
)

select * from final;


create or replace table deliveries_subject_details as
with

kandidaten as (
    select * from deliveries_kandidaten_counted
),

vakken as (
    select * from delivery_vakken
),

ilt_codes as (
    select * from delivery_ref_ilt_codes
),

vestigingen as (
    select * from delivery_ref_vestigingen
),

vakcodes as (
    select * from delivery_ref_vakcodes
),

vak_records as (
    select
        kandidaten.examenjaar,
        kandidaten.vestigingscode,
        kandidaten.ilt_code,
        kandidaten.uitslag,
        vakken.vakcode,
        vakken.cijfer_se,
        vakken.cijfer_ce_1,
        vakken.cijfer_ce_2,
        vakken.cijfer_ce_3,
        greatest(vakken.cijfer_ce_1, vakken.cijfer_ce_2, vakken.cijfer_ce_3) as cijfer_ce_final,
        greatest(vakken.eindcijfer_1, vakken.eindcijfer_2, vakken.eindcijfer_3) as eindcijfer_final,
        vakken.cijfer_cijferlijst,
        vakken.certificaat
    from vakken
    join kandidaten
        on vakken.source_id = kandidaten.source_id
        and vakken.kandidaat_line_no = kandidaten.line_no
),

per_vak as (
    select
        examenjaar,
        vestigingscode,
        ilt_code,
        vakcode,
        count(*) as vakrecords,
        count(cijfer_se) as aantal_se,
        avg(cijfer_se) as gem_se,
        count(cijfer_ce_1) as aantal_ce_1,
        avg(cijfer_ce_1) as gem_ce_1,
        count(cijfer_ce_final) as aantal_ce,
        avg(cijfer_ce_final) as gem_ce,
        count(eindcijfer_final) as aantal_eindcijfer,
        avg(eindcijfer_final) as gem_eindcijfer,
        count(cijfer_cijferlijst) as aantal_cijferlijst,
        avg(cijfer_cijferlijst) as gem_cijferlijst,
        count(cijfer_se - cijfer_ce_final) as aantal_se_en_ce,
        avg(cijfer_se - cijfer_ce_final) as gem_se_min_ce,
        count(*) filter (where cijfer_ce_2 is not null or cijfer_ce_3 is not null) as aantal_tijdvak_2_of_3,
        count(*) filter (where certificaat and uitslag = 'D') as certificaten_deelexamen
    from vak_records
    group by all
),

final as (
    select
        per_vak.examenjaar,
        (per_vak.examenjaar - 1) || '-' || per_vak.examenjaar as schooljaar,
        vestigingen.instellingscode,
        per_vak.vestigingscode,
        vestigingen.vestigingsnaam,
        vestigingen.gemeentenaam,
        vestigingen.provincie,
        per_vak.ilt_code,
        ilt_codes.opleidingsnaam,
        ilt_codes.onderwijstype,
        ilt_codes.leerweg,
        ilt_codes.sector,
        ilt_codes.afdeling,
        per_vak.vakcode,
        vakcodes.afkorting as vakafkorting,
        vakcodes.vaknaam,
        per_vak.vakrecords,
        per_vak.aantal_se,
        per_vak.gem_se,
        per_vak.aantal_ce_1,
        per_vak.gem_ce_1,
        per_vak.aantal_ce,
        per_vak.gem_ce,
        per_vak.aantal_eindcijfer,
        per_vak.gem_eindcijfer,
        per_vak.aantal_cijferlijst,
        per_vak.gem_cijferlijst,
        per_vak.aantal_se_en_ce,
        per_vak.gem_se_min_ce,
        per_vak.aantal_tijdvak_2_of_3,
        per_vak.aantal_tijdvak_2_of_3 / nullif(per_vak.aantal_ce, 0) as aandeel_tijdvak_2_of_3,
        per_vak.certificaten_deelexamen
    from per_vak
    join ilt_codes using (ilt_code)
    join vestigingen using (vestigingscode)
    left join vakcodes using (vakcode)
)

select * from final;


create or replace table deliveries_enrolment as
with

inschrijvingen as (
    select * from delivery_inschrijvingen
),

files as (
    select * from delivery_files where kind = 'inschrijvingsgegevens'
),

ilt_codes as (
    select * from delivery_ref_ilt_codes
),

vestigingen as (
    select * from delivery_ref_vestigingen
),

enrolled_on_teldatum as (
    select
        inschrijvingen.*,
        files.teldatum,
        files.delivered_on
    from inschrijvingen
    join files using (source_id)
    where not inschrijvingen.has_error
        and inschrijvingen.datum_inschrijving <= files.teldatum
        and (inschrijvingen.datum_uitschrijving is null or inschrijvingen.datum_uitschrijving > files.teldatum)
),

newest_per_person as (
    select * from enrolled_on_teldatum
    qualify row_number() over (
        partition by pseudonym, teldatum
        order by delivered_on desc, source_id desc, line_no desc
    ) = 1
),

counted as (
    select
        teldatum,
        vestigingscode,
        ilt_code,
        leerjaar,
        count(*) as leerlingen,
        count(*) filter (where verblijfsduur = 'd1') as nieuwkomers_d1,
        count(*) filter (where verblijfsduur = 'd2') as nieuwkomers_d2,
        count(*) filter (where jaren_praktijkonderwijs > 0) as leerlingen_met_jaren_pro,
        avg(jaren_praktijkonderwijs) filter (where jaren_praktijkonderwijs > 0) as gem_jaren_praktijkonderwijs
    from newest_per_person
    group by all
),

final as (
    select
        counted.teldatum,
        year(counted.teldatum) || '-' || (year(counted.teldatum) + 1) as schooljaar,
        vestigingen.instellingscode,
        counted.vestigingscode,
        vestigingen.vestigingsnaam,
        vestigingen.gemeentenaam,
        vestigingen.provincie,
        counted.ilt_code,
        ilt_codes.opleidingsnaam,
        ilt_codes.onderwijstype,
        ilt_codes.leerweg,
        ilt_codes.sector,
        ilt_codes.afdeling,
        counted.leerjaar,
        counted.leerlingen,
        counted.nieuwkomers_d1,
        counted.nieuwkomers_d2,
        counted.leerlingen_met_jaren_pro,
        counted.gem_jaren_praktijkonderwijs
    from counted
    join ilt_codes using (ilt_code)
    join vestigingen using (vestigingscode)
)

select * from final;


create or replace table deliveries_pass_rates as
with

results as (
    select * from deliveries_exam_results
    where onderwijstype in ('VMBO', 'HAVO', 'VWO')
),

vestiging_per_opleiding as (
    select
        'vestiging' as level,
        vestigingscode as area_code,
        vestigingsnaam as area_name,
        instellingscode,
        gemeentenaam,
        provincie,
        onderwijstype,
        ilt_code as inspectiecode,
        opleidingsnaam,
        schooljaar,
        sum(examenkandidaten) as examenkandidaten,
        sum(geslaagd) as geslaagden
    from results
    group by all
),

vestiging_per_onderwijstype as (
    select
        'vestiging' as level,
        vestigingscode as area_code,
        vestigingsnaam as area_name,
        instellingscode,
        gemeentenaam,
        provincie,
        onderwijstype,
        null as inspectiecode,
        null as opleidingsnaam,
        schooljaar,
        sum(examenkandidaten) as examenkandidaten,
        sum(geslaagd) as geslaagden
    from results
    group by all
),

instelling as (
    select
        'instelling' as level,
        instellingscode as area_code,
        null as area_name,
        instellingscode,
        null as gemeentenaam,
        null as provincie,
        onderwijstype,
        null as inspectiecode,
        null as opleidingsnaam,
        schooljaar,
        sum(examenkandidaten) as examenkandidaten,
        sum(geslaagd) as geslaagden
    from results
    group by all
),

gemeente as (
    select
        'gemeente' as level,
        gemeentenaam as area_code,
        gemeentenaam as area_name,
        null as instellingscode,
        gemeentenaam,
        provincie,
        onderwijstype,
        null as inspectiecode,
        null as opleidingsnaam,
        schooljaar,
        sum(examenkandidaten) as examenkandidaten,
        sum(geslaagd) as geslaagden
    from results
    group by all
),

provincie as (
    select
        'provincie' as level,
        provincie as area_code,
        provincie as area_name,
        null as instellingscode,
        null as gemeentenaam,
        provincie,
        onderwijstype,
        null as inspectiecode,
        null as opleidingsnaam,
        schooljaar,
        sum(examenkandidaten) as examenkandidaten,
        sum(geslaagd) as geslaagden
    from results
    group by all
),

land_per_opleiding as (
    select
        'land' as level,
        'NL' as area_code,
        'Nederland' as area_name,
        null as instellingscode,
        null as gemeentenaam,
        null as provincie,
        onderwijstype,
        ilt_code as inspectiecode,
        opleidingsnaam,
        schooljaar,
        sum(examenkandidaten) as examenkandidaten,
        sum(geslaagd) as geslaagden
    from results
    group by all
),

land_per_onderwijstype as (
    select
        'land' as level,
        'NL' as area_code,
        'Nederland' as area_name,
        null as instellingscode,
        null as gemeentenaam,
        null as provincie,
        onderwijstype,
        null as inspectiecode,
        null as opleidingsnaam,
        schooljaar,
        sum(examenkandidaten) as examenkandidaten,
        sum(geslaagd) as geslaagden
    from results
    group by all
),

all_levels as (
    select * from vestiging_per_opleiding
    union all by name select * from vestiging_per_onderwijstype
    union all by name select * from instelling
    union all by name select * from gemeente
    union all by name select * from provincie
    union all by name select * from land_per_opleiding
    union all by name select * from land_per_onderwijstype
),

final as (
    select
        'deliveries' as source,
        level,
        area_code,
        area_name::varchar as area_name,
        instellingscode::varchar as instellingscode,
        gemeentenaam::varchar as gemeentenaam,
        provincie::varchar as provincie,
        onderwijstype,
        inspectiecode::varchar as inspectiecode,       -- the ILT code (elementcode) for this source
        opleidingsnaam::varchar as opleidingsnaam,
        schooljaar,
        'TOTAAL' as geslacht,
        examenkandidaten::integer as examenkandidaten,
        null::varchar as examenkandidaten_suppression,
        geslaagden::integer as geslaagden,
        null::varchar as geslaagden_suppression,
        round(100.0 * geslaagden / nullif(examenkandidaten, 0), 1)::double as slaagpercentage,
        null::varchar as slaagpercentage_suppression
    from all_levels
)

select * from final;


create or replace table deliveries_subject_grades as
with

details as (
    select * from deliveries_subject_details
    where onderwijstype in ('VMBO', 'HAVO', 'VWO')
),

kandidaten as (
    select * from deliveries_kandidaten_counted
),

vakken as (
    select * from delivery_vakken
),

ilt_codes as (
    select * from delivery_ref_ilt_codes
),

-- Averages are recomputed from the records (not averaged over the ILT rows of details), so each
-- candidate weighs the same.
vak_records as (
    select
        (kandidaten.examenjaar - 1) || '-' || kandidaten.examenjaar as schooljaar,
        kandidaten.vestigingscode,
        ilt_codes.onderwijstype,
        ilt_codes.leerweg,
        vakken.vakcode,
        vakken.cijfer_se,
        greatest(vakken.cijfer_ce_1, vakken.cijfer_ce_2, vakken.cijfer_ce_3) as cijfer_ce_final,
        vakken.cijfer_cijferlijst
    from vakken
    join kandidaten
        on vakken.source_id = kandidaten.source_id
        and vakken.kandidaat_line_no = kandidaten.line_no
    join ilt_codes using (ilt_code)
    where ilt_codes.onderwijstype in ('VMBO', 'HAVO', 'VWO')
),

per_vak as (
    select
        schooljaar,
        vestigingscode,
        onderwijstype,
        leerweg,
        vakcode,
        count(cijfer_se) as aantal_se,
        avg(cijfer_se) as gem_se,
        count(cijfer_ce_final) as aantal_ce,
        avg(cijfer_ce_final) as gem_ce,
        avg(cijfer_cijferlijst) as gem_cijferlijst
    from vak_records
    group by all
),

names as (
    select distinct
        vestigingscode,
        instellingscode,
        vestigingsnaam,
        gemeentenaam,
        provincie,
        vakcode,
        vakafkorting,
        vaknaam
    from details
),

final as (
    select
        'deliveries' as source,
        per_vak.schooljaar,
        names.instellingscode,
        per_vak.vestigingscode,
        names.vestigingsnaam,
        names.gemeentenaam,
        names.provincie,
        per_vak.onderwijstype,
        per_vak.leerweg,
        per_vak.vakcode,
        names.vakafkorting,
        names.vaknaam,
        per_vak.aantal_se::integer as aantal_se,
        null::varchar as aantal_se_suppression,
        per_vak.gem_se::double as gem_se,
        null::varchar as gem_se_suppression,
        per_vak.aantal_ce::integer as aantal_ce,
        null::varchar as aantal_ce_suppression,
        per_vak.gem_ce::double as gem_ce,
        null::varchar as gem_ce_suppression,
        per_vak.gem_cijferlijst::double as gem_cijferlijst,
        null::varchar as gem_cijferlijst_suppression
    from per_vak
    join names using (vestigingscode, vakcode)
)

select * from final;


-- Shaped as published.sql's vo_results_by_afdeling (source 'deliveries'): per vestiging x onderwijstype x
-- leerweg x sector x afdeling, examenkandidaten (geslaagd + afgewezen), geslaagden, gezakten, and the
-- average SE, final CE and cijferlijst grade over the diploma vakken of those candidates.
create or replace table deliveries_results_by_afdeling as
with

kandidaten as (
    select * from deliveries_kandidaten_counted
    where uitslag in ('G', 'A')
),

vakken as (
    select * from delivery_vakken
),

ilt_codes as (
    select * from delivery_ref_ilt_codes
    where onderwijstype in ('VMBO', 'HAVO', 'VWO')
),

vestigingen as (
    select * from delivery_ref_vestigingen
),

kandidaten_with_opleiding as (
    select
        kandidaten.source_id,
        kandidaten.line_no,
        kandidaten.examenjaar,
        kandidaten.vestigingscode,
        kandidaten.uitslag,
        ilt_codes.onderwijstype,
        ilt_codes.leerweg,
        ilt_codes.sector,
        ilt_codes.afdeling
    from kandidaten
    join ilt_codes using (ilt_code)
),

counts as (
    select
        examenjaar,
        vestigingscode,
        onderwijstype,
        leerweg,
        sector,
        afdeling,
        count(*) as examenkandidaten,
        count(*) filter (where uitslag = 'G') as geslaagden,
        count(*) filter (where uitslag = 'A') as gezakten
    from kandidaten_with_opleiding
    group by all
),

grades as (
    select
        k.examenjaar,
        k.vestigingscode,
        k.onderwijstype,
        k.leerweg,
        k.sector,
        k.afdeling,
        avg(vakken.cijfer_se) as gem_cijfer_se,
        avg(greatest(vakken.cijfer_ce_1, vakken.cijfer_ce_2, vakken.cijfer_ce_3)) as gem_cijfer_ce,
        avg(vakken.cijfer_cijferlijst) as gem_cijfer_cijferlijst
    from kandidaten_with_opleiding as k
    join vakken
        on vakken.source_id = k.source_id
        and vakken.kandidaat_line_no = k.line_no
    where vakken.diplomavak
    group by all
),

final as (
    select
        'deliveries' as source,
        (counts.examenjaar - 1) || '-' || counts.examenjaar as schooljaar,
        vestigingen.instellingscode,
        counts.vestigingscode,
        vestigingen.vestigingsnaam,
        vestigingen.gemeentenaam,
        vestigingen.provincie,
        counts.onderwijstype,
        counts.leerweg,
        counts.sector,
        counts.afdeling,
        counts.examenkandidaten::integer as examenkandidaten,
        null::varchar as examenkandidaten_suppression,
        counts.geslaagden::integer as geslaagden,
        null::varchar as geslaagden_suppression,
        counts.gezakten::integer as gezakten,
        null::varchar as gezakten_suppression,
        grades.gem_cijfer_se::double as gem_cijfer_se,
        null::varchar as gem_cijfer_se_suppression,
        grades.gem_cijfer_ce::double as gem_cijfer_ce,
        null::varchar as gem_cijfer_ce_suppression,
        grades.gem_cijfer_cijferlijst::double as gem_cijfer_cijferlijst,
        null::varchar as gem_cijfer_cijferlijst_suppression
    from counts
    join vestigingen using (vestigingscode)
    left join grades                       -- leerweg, sector and afdeling may be NULL: match those too
        on grades.examenjaar = counts.examenjaar
        and grades.vestigingscode = counts.vestigingscode
        and grades.onderwijstype = counts.onderwijstype
        and grades.leerweg is not distinct from counts.leerweg
        and grades.sector is not distinct from counts.sector
        and grades.afdeling is not distinct from counts.afdeling
)

select * from final;
