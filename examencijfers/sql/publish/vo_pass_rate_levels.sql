-- Question: VO exam candidates and passes at every published level, exact, before any suppression.
-- Parameters: none.
-- Input: wh.duo_examenkandidaten_current (DUO "examenkandidaten en geslaagden"), wh.duo_vestigingen
--   (provincie of a vestiging), publish_deliveries_pass_rates (the deliveries' vestiging x ILT code rows,
--   examencijfers/publish/deliveries.py; empty without deliveries).
-- Output: one row per source x level x area x onderwijstype x opleiding (or NULL = all) x schooljaar x
--   geslacht. DUO: geslacht MAN, VROUW, TOTAAL and REST (= TOTAAL - MAN - VROUW: the hidden group DUO
--   leaves out; never published, but it takes part in the margins). The deliveries hold no gender:
--   TOTAAL only, and inspectiecode is the ILT code. A value built from a source "<5" is unknown (NULL
--   with *_unknown = true): a sum over parts is unknown as soon as one part is. row_key names the row as
--   the audit does (sql/audit/vo_cells.sql), so that the audit's choices can be mapped back.
with

candidates as (
    select * from wh.duo_examenkandidaten_current
    where geslacht in ('MAN', 'VROUW', 'TOTAAL')
),

register as (
    select vestigingscode, provincie
    from wh.duo_vestigingen
    qualify row_number() over (partition by vestigingscode order by source_id desc) = 1
),

by_gender as (
    select
        instellingscode, vestigingscode, any_value(vestigingsnaam) as vestigingsnaam,
        coalesce(any_value(gemeentenaam), 'onbekend') as gemeentenaam, onderwijstype, inspectiecode,
        any_value(opleidingsnaam) as opleidingsnaam, schooljaar,
        max(examenkandidaten) filter (where geslacht = 'MAN') as kandidaten_man,
        bool_or(examenkandidaten_source_suppressed) filter (where geslacht = 'MAN') as kandidaten_man_unknown,
        max(examenkandidaten) filter (where geslacht = 'VROUW') as kandidaten_vrouw,
        bool_or(examenkandidaten_source_suppressed) filter (where geslacht = 'VROUW') as kandidaten_vrouw_unknown,
        max(examenkandidaten) filter (where geslacht = 'TOTAAL') as kandidaten_totaal,
        bool_or(examenkandidaten_source_suppressed) filter (where geslacht = 'TOTAAL') as kandidaten_totaal_unknown,
        max(geslaagden) filter (where geslacht = 'MAN') as geslaagden_man,
        bool_or(geslaagden_source_suppressed) filter (where geslacht = 'MAN') as geslaagden_man_unknown,
        max(geslaagden) filter (where geslacht = 'VROUW') as geslaagden_vrouw,
        bool_or(geslaagden_source_suppressed) filter (where geslacht = 'VROUW') as geslaagden_vrouw_unknown,
        max(geslaagden) filter (where geslacht = 'TOTAAL') as geslaagden_totaal,
        bool_or(geslaagden_source_suppressed) filter (where geslacht = 'TOTAAL') as geslaagden_totaal_unknown
    from candidates
    group by instellingscode, vestigingscode, onderwijstype, inspectiecode, schooljaar
),

duo_rows as (
    select
        'duo' as source,
        by_gender.instellingscode, by_gender.vestigingscode, by_gender.vestigingsnaam, by_gender.gemeentenaam,
        coalesce(register.provincie, 'onbekend') as provincie,
        by_gender.onderwijstype, by_gender.inspectiecode, by_gender.opleidingsnaam, by_gender.schooljaar,
        genders.geslacht, genders.kandidaten, genders.kandidaten_unknown, genders.geslaagden,
        genders.geslaagden_unknown
    from by_gender
    left join register using (vestigingscode)
    cross join lateral (values
        ('MAN', kandidaten_man, coalesce(kandidaten_man_unknown, false),
            geslaagden_man, coalesce(geslaagden_man_unknown, false)),
        ('VROUW', kandidaten_vrouw, coalesce(kandidaten_vrouw_unknown, false),
            geslaagden_vrouw, coalesce(geslaagden_vrouw_unknown, false)),
        ('TOTAAL', kandidaten_totaal, coalesce(kandidaten_totaal_unknown, false),
            geslaagden_totaal, coalesce(geslaagden_totaal_unknown, false)),
        ('REST',
            kandidaten_totaal - coalesce(kandidaten_man, 0) - coalesce(kandidaten_vrouw, 0),
            coalesce(kandidaten_totaal_unknown or kandidaten_man_unknown or kandidaten_vrouw_unknown, false),
            geslaagden_totaal - coalesce(geslaagden_man, 0) - coalesce(geslaagden_vrouw, 0),
            coalesce(geslaagden_totaal_unknown or geslaagden_man_unknown or geslaagden_vrouw_unknown, false))
    ) as genders (geslacht, kandidaten, kandidaten_unknown, geslaagden, geslaagden_unknown)
),

delivery_rows as (
    select
        'deliveries' as source,
        instellingscode,
        area_code as vestigingscode,
        area_name as vestigingsnaam,
        coalesce(gemeentenaam, 'onbekend') as gemeentenaam,
        coalesce(provincie, 'onbekend') as provincie,
        onderwijstype,
        inspectiecode,
        opleidingsnaam,
        schooljaar,
        geslacht,
        examenkandidaten as kandidaten,
        false as kandidaten_unknown,
        geslaagden,
        false as geslaagden_unknown
    from publish_deliveries_pass_rates
    where level = 'vestiging' and inspectiecode is not null
),

opleiding_rows as (
    select * from duo_rows
    union all by name
    select * from delivery_rows
),

levels as (
    -- vestiging x opleiding (DUO's own level)
    select source, 'vestiging' as level, vestigingscode as area_code, vestigingsnaam as area_name, instellingscode,
        vestigingscode, gemeentenaam, provincie, onderwijstype, inspectiecode, opleidingsnaam, schooljaar,
        geslacht, kandidaten, kandidaten_unknown, geslaagden, geslaagden_unknown
    from opleiding_rows
    union all
    -- vestiging, all opleidingen of the onderwijstype
    select source, 'vestiging', vestigingscode, any_value(vestigingsnaam), instellingscode, vestigingscode,
        any_value(gemeentenaam), any_value(provincie), onderwijstype, null, null, schooljaar, geslacht,
        sum(kandidaten), bool_or(kandidaten_unknown), sum(geslaagden), bool_or(geslaagden_unknown)
    from opleiding_rows
    group by source, instellingscode, vestigingscode, onderwijstype, schooljaar, geslacht
    union all
    select source, 'instelling', instellingscode, null, instellingscode, null, null, null, onderwijstype, null, null,
        schooljaar, geslacht,
        sum(kandidaten), bool_or(kandidaten_unknown), sum(geslaagden), bool_or(geslaagden_unknown)
    from opleiding_rows
    group by source, instellingscode, onderwijstype, schooljaar, geslacht
    union all
    select source, 'gemeente', gemeentenaam, gemeentenaam, null, null, gemeentenaam, null, onderwijstype, null, null,
        schooljaar, geslacht,
        sum(kandidaten), bool_or(kandidaten_unknown), sum(geslaagden), bool_or(geslaagden_unknown)
    from opleiding_rows
    group by source, gemeentenaam, onderwijstype, schooljaar, geslacht
    union all
    select source, 'provincie', provincie, provincie, null, null, null, provincie, onderwijstype, null, null,
        schooljaar, geslacht,
        sum(kandidaten), bool_or(kandidaten_unknown), sum(geslaagden), bool_or(geslaagden_unknown)
    from opleiding_rows
    group by source, provincie, onderwijstype, schooljaar, geslacht
    union all
    -- the country, per opleiding and over all opleidingen
    select source, 'land', 'NL', 'Nederland', null, null, null, null, onderwijstype, inspectiecode,
        -- the total over all opleidingen has no opleiding name (any_value would pick one at random)
        case when grouping(inspectiecode) = 0 then any_value(opleidingsnaam) end, schooljaar, geslacht,
        sum(kandidaten), bool_or(kandidaten_unknown), sum(geslaagden), bool_or(geslaagden_unknown)
    from opleiding_rows
    group by grouping sets ((source, onderwijstype, inspectiecode, schooljaar, geslacht),
                            (source, onderwijstype, schooljaar, geslacht))
),

final as (
    select
        row_number() over (order by source, level, area_code, onderwijstype, inspectiecode nulls first,
                                    schooljaar, geslacht) as row_id,
        concat_ws('|', source, level, area_code, onderwijstype, coalesce(inspectiecode, '*'), schooljaar)
            as row_key,
        source,
        level, area_code, area_name, instellingscode, vestigingscode, gemeentenaam, provincie, onderwijstype,
        inspectiecode, opleidingsnaam, schooljaar, geslacht,
        case when kandidaten_unknown then null else kandidaten end as kandidaten,
        kandidaten_unknown,
        case when geslaagden_unknown then null else geslaagden end as geslaagden,
        geslaagden_unknown
    from levels
)

select * from final
