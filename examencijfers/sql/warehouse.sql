-- The private warehouse: everything loaded, typed, with its source.
--
-- Conventions
--   * every fact row carries source_id (-> sources) and line_no (1-based line in its file, header = 1),
--     so any figure can be traced to the exact line it came from;
--   * a count that the publisher suppressed ("<5") is NULL with <column>_source_suppressed = true,
--     never 0, 4 or 5; a value that is simply absent (",0" in DUO's grade files, " ") is NULL with the
--     flag false;
--   * codes stay strings (opleidercode 0003F8, BRIN 00AH, vakcode 0131), with their leading zeros;
--   * constraints here are the data's own invariants; a row that breaks one fails its whole file;
--   * a fact table's key (source_id and the layout's key) is not declared as a primary key: ingest checks
--     that no file repeats its layout's key and names the line (ingest/checks.py), and source_id keeps
--     files apart, so the index checked nothing more and cost more than the rest of the insert;
--   * nor is source_id declared a foreign key: ingest writes a file's sources row and its rows in one
--     transaction under one id (ingest/load.py), and DuckDB's lookup of every row in the sources index
--     was a fifth of the insert and most of the commit (DUO's 191,730 long rows: 215 -> 155 ms).
-- Executed with `create ... if not exists`, so opening an existing warehouse is a no-op.

create sequence if not exists source_id_seq start 1;

create table if not exists sources (
    source_id       integer primary key default nextval('source_id_seq'),
    file_name       varchar not null,
    sha256          varchar not null unique,
    dataset         varchar not null,      -- cbr_examens, cbr_diplomas, cbr_opleiderresultaten,
                                           -- duo_examenkandidaten, duo_geslaagden_cijfers,
                                           -- duo_examencijfers, duo_vestigingen, ...
    layout          varchar not null,      -- id of the layout in examencijfers.ingest.layouts
    publication     varchar not null,      -- e.g. '2024-Q3', '2019-2024', '2018-2019'
    period_start    date,                  -- first day the file covers
    period_end      date,                  -- last day the file covers (newest publication wins)
    row_count       integer not null check (row_count >= 0),
    synthetic       boolean not null default false,  -- demo data, never real figures
    loaded_at       timestamp not null default current_timestamp
);

-- CBR Examens: per ISO week x product, by result. Particuliere examens and examens met tolk are
-- included in totaal. A tussentijdse toets has no result: it is stored with voldoende = totaal,
-- onvoldoende = 0 and is_toets = true, and is reported as a count only.
create table if not exists cbr_examens (
    source_id       integer not null,
    line_no         integer not null,
    jaar            smallint not null,
    week            smallint not null check (week between 1 and 53),
    week_start      date not null,         -- Monday of the ISO week
    categoriecode   varchar,
    categorienaam   varchar,
    productcode     varchar not null,
    productnaam     varchar,
    is_toets        boolean not null,
    totaal          integer not null check (totaal >= 0),
    voldoende       integer not null check (voldoende >= 0),
    onvoldoende     integer not null check (onvoldoende >= 0),
    particulier     integer not null check (particulier between 0 and totaal),
    tolk            integer not null check (tolk between 0 and totaal),
    check (voldoende + onvoldoende = totaal)
    -- key: source_id, jaar, week, productcode (see the conventions above)
);

-- CBR Uitgegeven diploma's: per ISO week x diploma code.
create table if not exists cbr_diplomas (
    source_id       integer not null,
    line_no         integer not null,
    jaar            smallint not null,
    week            smallint not null check (week between 1 and 53),
    week_start      date not null,
    diplomacode     varchar not null,
    diplomaomschrijving varchar,
    aantal          integer not null check (aantal >= 0)
    -- key: source_id, jaar, week, diplomacode (see the conventions above)
);

-- CBR Opleiderresultaten: one rolling-year snapshot per publication, per opleider x product x
-- examenlocatie; first exams and re-exams, each in total and by transmission.
create table if not exists cbr_opleiderresultaten (
    source_id                   integer not null,
    line_no                     integer not null,
    opleidercode                varchar not null,
    opleidernaam                varchar not null,
    opleider_startdatum         date,
    opleider_einddatum          date,      -- 9999-12-31 = still active
    opleider_straatnaam         varchar,
    opleider_huisnummer         varchar,
    opleider_huisnummer_toevoeging varchar,
    opleider_postcode           varchar,
    opleider_plaatsnaam         varchar,
    categoriecode               varchar,
    categorienaam               varchar,
    productcode                 varchar not null,
    productnaam                 varchar,
    examenlocatienaam           varchar not null,
    examenlocatie_straatnaam    varchar,
    examenlocatie_huisnummer    varchar,
    examenlocatie_huisnummer_toevoeging varchar,
    examenlocatie_postcode      varchar,
    examenlocatie_plaatsnaam    varchar,
    examenperiode_begindatum    date not null,
    examenperiode_einddatum     date not null,
    eerste_voldoende            integer not null check (eerste_voldoende >= 0),
    eerste_onvoldoende          integer not null check (eerste_onvoldoende >= 0),
    eerste_automaat_voldoende   integer not null check (eerste_automaat_voldoende >= 0),
    eerste_automaat_onvoldoende integer not null check (eerste_automaat_onvoldoende >= 0),
    eerste_combi_voldoende      integer not null check (eerste_combi_voldoende >= 0),
    eerste_combi_onvoldoende    integer not null check (eerste_combi_onvoldoende >= 0),
    eerste_handgeschakeld_voldoende   integer not null check (eerste_handgeschakeld_voldoende >= 0),
    eerste_handgeschakeld_onvoldoende integer not null check (eerste_handgeschakeld_onvoldoende >= 0),
    her_voldoende               integer not null check (her_voldoende >= 0),
    her_onvoldoende             integer not null check (her_onvoldoende >= 0),
    her_automaat_voldoende      integer not null check (her_automaat_voldoende >= 0),
    her_automaat_onvoldoende    integer not null check (her_automaat_onvoldoende >= 0),
    her_combi_voldoende         integer not null check (her_combi_voldoende >= 0),
    her_combi_onvoldoende       integer not null check (her_combi_onvoldoende >= 0),
    her_handgeschakeld_voldoende   integer not null check (her_handgeschakeld_voldoende >= 0),
    her_handgeschakeld_onvoldoende integer not null check (her_handgeschakeld_onvoldoende >= 0),
    check (examenperiode_begindatum <= examenperiode_einddatum)
    -- key: source_id, opleidercode, productcode, examenlocatienaam (see the conventions above)
);

-- DUO "Examenkandidaten en geslaagden", made long: one row per vestiging x opleiding x schooljaar x
-- geslacht. TOTAAL may exceed MAN + VROUW (a hidden group); older files have ONBEKEND.
create table if not exists duo_examenkandidaten (
    source_id           integer not null,
    line_no             integer not null,
    instellingscode     varchar not null,  -- BRIN, 4 characters
    vestigingscode      varchar not null,  -- BRIN + 2 digits
    vestigingsnaam      varchar,
    gemeentenaam        varchar,
    onderwijstype       varchar not null,  -- VMBO, HAVO, VWO
    inspectiecode       varchar not null,
    opleidingsnaam      varchar,
    schooljaar          varchar not null,  -- '2019-2020'
    geslacht            varchar not null check (geslacht in ('MAN', 'VROUW', 'ONBEKEND', 'TOTAAL')),
    examenkandidaten    integer check (examenkandidaten >= 0),
    examenkandidaten_source_suppressed boolean not null,
    geslaagden          integer check (geslaagden >= 0),
    geslaagden_source_suppressed boolean not null,
    slaagpercentage     decimal(5, 1) check (slaagpercentage between 0 and 100),
    check (geslaagden is null or examenkandidaten is null or geslaagden <= examenkandidaten),
    check (examenkandidaten is not null or examenkandidaten_source_suppressed),
    check (geslaagden is not null or geslaagden_source_suppressed)
    -- key: source_id, vestigingscode, inspectiecode, schooljaar, geslacht (see the conventions above)
);

-- DUO "Geslaagden, gezakten en cijfers": per vestiging x onderwijstype x leerweg x sector x afdeling.
create table if not exists duo_geslaagden_cijfers (
    source_id           integer not null,
    line_no             integer not null,
    schooljaar          varchar not null,
    instellingscode     varchar not null,
    vestigingscode      varchar not null,  -- BRIN + 2 digits
    vestigingsnaam      varchar,
    gemeentenaam        varchar,
    provincie           varchar,
    onderwijstype       varchar not null,
    leerweg             varchar,           -- VMBO only (BB, KB, GL, TL ...); NULL otherwise
    sector              varchar,
    afdeling            varchar,
    examenkandidaten    integer check (examenkandidaten >= 0),
    examenkandidaten_source_suppressed boolean not null,
    geslaagden          integer check (geslaagden >= 0),
    geslaagden_source_suppressed boolean not null,
    gezakten            integer check (gezakten >= 0),
    gezakten_source_suppressed boolean not null,
    gem_cijfer_se       decimal(3, 1),
    gem_cijfer_ce       decimal(3, 1),
    gem_cijfer_cijferlijst decimal(3, 1),
    check (geslaagden is null or examenkandidaten is null or geslaagden <= examenkandidaten),
    check (examenkandidaten is null or geslaagden is null or gezakten is null
           or geslaagden + gezakten = examenkandidaten),
    check (examenkandidaten is not null or examenkandidaten_source_suppressed),
    check (geslaagden is not null or geslaagden_source_suppressed),
    check (gezakten is not null or gezakten_source_suppressed)
);

-- DUO "Examenkandidaten {havo,vwo,vmbo} en examencijfers": per vestiging x vak (x leerweg for vmbo,
-- x schoolexamen-beoordeling). Averages are NULL where the file says ",0" (no value).
create table if not exists duo_examencijfers (
    source_id           integer not null,
    line_no             integer not null,
    schooljaar          varchar not null,  -- '2018-2019' (the file's SCHOOLJAAR 2018 = 2018-2019)
    instellingscode     varchar not null,
    vestigingscode      varchar not null,  -- normalised to BRIN + 2 digits
    vestigingsnaam      varchar,
    gemeentenummer      varchar,
    gemeentenaam        varchar,
    plaatsnaam          varchar,
    provincie           varchar,
    onderwijstype       varchar not null,
    leerweg             varchar,
    vakcode             varchar not null,
    vakafkorting        varchar,
    vaknaam             varchar,
    se_beoordeling      varchar,
    aantal_se_beoordeling          integer check (aantal_se_beoordeling >= 0),
    aantal_se_beoordeling_diploma  integer check (aantal_se_beoordeling_diploma >= 0),
    aantal_se_cijfer               integer check (aantal_se_cijfer >= 0),
    gem_se_cijfer                  decimal(3, 1),
    aantal_se_cijfer_diploma       integer check (aantal_se_cijfer_diploma >= 0),
    gem_se_cijfer_diploma          decimal(3, 1),
    aantal_ce                      integer check (aantal_ce >= 0),
    gem_ce_cijfer                  decimal(3, 1),
    aantal_ce_diploma              integer check (aantal_ce_diploma >= 0),
    gem_ce_cijfer_diploma          decimal(3, 1),
    gem_cijfer_cijferlijst         decimal(3, 1),
    gem_cijfer_rekentoets          decimal(3, 1),
    -- the exams that count for the diploma are some of all exams
    check (aantal_se_beoordeling_diploma <= aantal_se_beoordeling),
    check (aantal_se_cijfer_diploma <= aantal_se_cijfer),
    check (aantal_ce_diploma <= aantal_ce)
);

-- DUO's register of VO vestigingen (alle-vestigingen-vo): names, places, gemeente, provincie.
create table if not exists duo_vestigingen (
    source_id           integer not null,
    line_no             integer not null,
    vestigingscode      varchar not null,
    instellingscode     varchar not null,
    vestigingsnaam      varchar,
    straatnaam          varchar,
    huisnummer_toevoeging varchar,
    postcode            varchar,
    plaatsnaam          varchar,
    gemeentenummer      varchar,
    gemeentenaam        varchar,
    provincie           varchar,
    bevoegd_gezag_nummer varchar,
    denominatie         varchar,
    onderwijsstructuur  varchar
    -- key: source_id, vestigingscode (see the conventions above)
);

-- CBR's product catalogue (data/reference/cbr_products.csv): the attributes CBR's AVG criteria need.
-- productgroep is CBR's text, e.g. 'vakbekwaamheid nascholing', 'toetsen vakbekwaamheid'.
create table if not exists ref_cbr_products (
    productcode             varchar primary key,
    productnaam             varchar not null,
    categoriecode           varchar,
    categorienaam           varchar,
    divisie                 varchar not null check (divisie in ('CBR', 'CCV')),
    is_toets                boolean not null,
    soortproductverlenging  boolean not null,
    individueel             boolean not null,
    productgroep            varchar,
    nader_onderzoek         boolean not null,
    via_verzoek             boolean not null
);

-- Newest publication wins: for weekly data, each (week, key) comes from the source with the latest
-- period_end (ties: the latest loaded). Older figures stay in the tables above, so revisions are
-- traceable through source_id.
create or replace view cbr_examens_current as
select e.*
from cbr_examens e
join sources s using (source_id)
qualify row_number() over (
    partition by e.jaar, e.week, e.productcode
    order by s.period_end desc nulls last, s.source_id desc
) = 1;

create or replace view cbr_diplomas_current as
select d.*
from cbr_diplomas d
join sources s using (source_id)
qualify row_number() over (
    partition by d.jaar, d.week, d.diplomacode
    order by s.period_end desc nulls last, s.source_id desc
) = 1;

create or replace view duo_examenkandidaten_current as
select k.*
from duo_examenkandidaten k
join sources s using (source_id)
qualify row_number() over (
    partition by k.vestigingscode, k.inspectiecode, k.schooljaar, k.geslacht
    order by s.period_end desc nulls last, s.source_id desc
) = 1;

-- Reference data (data/reference/*.csv, loaded by `examencijfers build`): table ref_<file stem>.
create table if not exists ref_inspectiecodes (
    inspectiecode           varchar primary key,
    onderwijstype           varchar not null,
    opleidingsnaam          varchar not null
);

-- Opleiderresultaten: every publication period is its own rolling-year snapshot; should a period be
-- published twice (a corrected file), the file loaded last stands for it.
create or replace view cbr_opleiderresultaten_current as
select o.*
from cbr_opleiderresultaten o
where o.source_id = (
    select max(other.source_id)
    from cbr_opleiderresultaten other
    where other.examenperiode_begindatum = o.examenperiode_begindatum
      and other.examenperiode_einddatum = o.examenperiode_einddatum
);

-- DUO school-year files: per school year the newest publication covering it stands.
create or replace view duo_geslaagden_cijfers_current as
select g.*
from duo_geslaagden_cijfers g
join sources s using (source_id)
qualify dense_rank() over (partition by g.schooljaar order by s.period_end desc, s.source_id desc) = 1;

create or replace view duo_examencijfers_current as
select e.*
from duo_examencijfers e
join sources s using (source_id)
qualify dense_rank() over (
    partition by e.schooljaar, e.onderwijstype order by s.period_end desc, s.source_id desc
) = 1;

-- The register: the copy loaded last describes the present.
create or replace view duo_vestigingen_current as
select v.*
from duo_vestigingen v
where v.source_id = (select max(source_id) from duo_vestigingen);
