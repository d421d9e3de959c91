-- Question: for the deliveries, per vestiging x onderwijstype x leerweg x vak x schooljaar (the grain of
--   vo_subject_grades): the average first-tijdvak CE grade, final eindcijfer and SE minus CE, how many
--   pupils used a second or third tijdvak and their share, and the certificates of deelexamen candidates.
-- Parameters: getvariable('vo_min_count') = k, getvariable('vo_extreme_rate_group').
-- Input: wh.deliveries_subject_details (per vestiging x ILT code x vak; sql/deliveries_aggregates.sql),
--   added up over the ILT codes of one onderwijstype x leerweg (averages weighted by their counts).
-- Output: the vo_subject_details contract.
--   primary    an average over fewer than k grades; a count from 1 to k-1; the tijdvak count and share of
--              a vak with 1 to k-1 CE pupils;
--   extreme    none or all of fewer than vo_extreme_rate_group CE pupils in a second or third tijdvak.
--   Its grain and counts are vo_subject_grades' (the CE pupils there are this share's base, published
--   or suppressed by the same rule), and no count here is part of another published count.
with

details as (
    select * from wh.deliveries_subject_details
    where onderwijstype in ('VMBO', 'HAVO', 'VWO')
),

per_vak as (
    select
        schooljaar,
        instellingscode,
        vestigingscode,
        any_value(vestigingsnaam) as vestigingsnaam,
        any_value(gemeentenaam) as gemeentenaam,
        any_value(provincie) as provincie,
        onderwijstype,
        leerweg,
        vakcode,
        any_value(vakafkorting) as vakafkorting,
        any_value(vaknaam) as vaknaam,
        sum(aantal_ce_1) as aantal_ce_1,
        sum(gem_ce_1 * aantal_ce_1) / nullif(sum(aantal_ce_1), 0) as gem_ce_1,
        sum(aantal_eindcijfer) as aantal_eindcijfer,
        sum(gem_eindcijfer * aantal_eindcijfer) / nullif(sum(aantal_eindcijfer), 0) as gem_eindcijfer,
        sum(aantal_se_en_ce) as aantal_se_en_ce,
        sum(gem_se_min_ce * aantal_se_en_ce) / nullif(sum(aantal_se_en_ce), 0) as gem_se_min_ce,
        sum(aantal_ce) as aantal_ce,
        sum(aantal_tijdvak_2_of_3) as tijdvak_2_of_3,
        sum(certificaten_deelexamen) as certificaten_deelexamen
    from details
    group by schooljaar, instellingscode, vestigingscode, onderwijstype, leerweg, vakcode
),

judged as (
    select
        per_vak.*,
        case when aantal_ce_1 < getvariable('vo_min_count') then 'primary' end as ce_1_reason,
        case when aantal_eindcijfer < getvariable('vo_min_count') then 'primary' end as eindcijfer_reason,
        case when aantal_se_en_ce < getvariable('vo_min_count') then 'primary' end as gap_reason,
        case
            when aantal_ce between 1 and getvariable('vo_min_count') - 1 then 'primary'
            when tijdvak_2_of_3 between 1 and getvariable('vo_min_count') - 1 then 'primary'
            when aantal_ce between 1 and getvariable('vo_extreme_rate_group') - 1
                and tijdvak_2_of_3 in (0, aantal_ce) then 'extreme_rate'
        end as tijdvak_reason,
        case when certificaten_deelexamen between 1 and getvariable('vo_min_count') - 1 then 'primary' end
            as certificaten_reason
    from per_vak
),

final as (
    select
        'deliveries' as source, schooljaar, instellingscode, vestigingscode, vestigingsnaam, gemeentenaam,
        provincie, onderwijstype, leerweg, vakcode, vakafkorting, vaknaam,
        case when ce_1_reason is null then round(gem_ce_1, 1) end as gem_ce_1,
        case when gem_ce_1 is not null then ce_1_reason end as gem_ce_1_suppression,
        case when eindcijfer_reason is null then round(gem_eindcijfer, 1) end as gem_eindcijfer,
        case when gem_eindcijfer is not null then eindcijfer_reason end as gem_eindcijfer_suppression,
        case when gap_reason is null then round(gem_se_min_ce, 1) end as gem_se_min_ce,
        case when gem_se_min_ce is not null then gap_reason end as gem_se_min_ce_suppression,
        case when tijdvak_reason is null then tijdvak_2_of_3 end as tijdvak_2_of_3,
        tijdvak_reason as tijdvak_2_of_3_suppression,
        case when tijdvak_reason is null and aantal_ce > 0
            then round(100.0 * tijdvak_2_of_3 / aantal_ce, 1) end as aandeel_tijdvak_2_of_3,
        case when aantal_ce > 0 then tijdvak_reason end as aandeel_tijdvak_2_of_3_suppression,
        case when certificaten_reason is null then certificaten_deelexamen end as certificaten_deelexamen,
        certificaten_reason as certificaten_deelexamen_suppression
    from judged
)

select * from final
