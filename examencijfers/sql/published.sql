-- The public database (data/published.duckdb): protected aggregates only.
--
-- This file is the contract between the publish step (which fills it) and queries/ (which read it).
-- Nothing here is person-level, and no column holds a value that a rule suppressed:
--   * every protectable value column <col> has a companion <col>_suppression (varchar) that is NULL
--     when the value is published, and otherwise a reason code from suppression_reasons; the value
--     itself is then NULL;
--   * reason codes: source_lt5 (the publisher printed "<5"), primary (small cell), secondary
--     (complementary, so a small cell cannot be derived), extreme_rate (0% / 100% on a small
--     group), cbr_rule_1 .. cbr_rule_7 (CBR's AVG criteria for CCV products), cbr_unknown_product (a
--     product missing from the reference catalogue: the criteria cannot be checked), too_few_exams (an
--     opleider rate from fewer than the minimum number of exams: the count band is shown instead).

create table publication (
    key             varchar primary key,   -- built_at, schema_version, warehouse_sha256, rules (json)
    value           varchar not null
);

-- Public lineage: which files the figures come from (a copy of the warehouse's sources table).
create table sources (
    source_id       integer primary key,
    file_name       varchar not null,
    sha256          varchar not null,
    dataset         varchar not null,
    layout          varchar not null,
    publication     varchar not null,
    period_start    date,
    period_end      date,
    row_count       integer not null,
    synthetic       boolean not null,
    loaded_at       timestamp not null
);

create table suppression_reasons (
    reason          varchar primary key,
    symbol          varchar not null,      -- shown in cells, e.g. '<5', '•', '∘', '×', '~'
    label_nl        varchar not null,
    label_en        varchar not null
);

create table suppression_rules (
    rule            varchar primary key,   -- e.g. vo_min_count, vo_extreme_rate_group, opleider_min_exams
    value           varchar not null,      -- the configured parameter
    description_nl  varchar not null,
    description_en  varchar not null
);

create table suppression_counts (
    table_name      varchar not null,
    column_name     varchar not null,
    reason          varchar not null references suppression_reasons (reason),
    cells           bigint not null,
    primary key (table_name, column_name, reason)
);

-- Public reference lists.
create table cbr_products (
    productcode     varchar primary key,
    productnaam     varchar not null,
    categoriecode   varchar,
    categorienaam   varchar,
    divisie         varchar not null,      -- CBR or CCV
    is_toets        boolean not null
);

-- The ILT codes (DUO's elementcodes) that the deliveries' figures name (in vo_pass_rates.inspectiecode
-- and the ilt_code columns), with the opleiding each stands for (data/reference/ilt_codes.csv).
create table vo_ilt_codes (
    ilt_code        varchar primary key,
    opleidingsnaam  varchar not null,
    onderwijstype   varchar not null,      -- BRUGJAAR, VMBO, HAVO, VWO, PRO, INTERNATIONAAL
    leerweg         varchar,
    sector          varchar,
    afdeling        varchar,
    examenopleiding boolean not null
);

create table vo_vestigingen (
    vestigingscode  varchar primary key,
    instellingscode varchar not null,
    vestigingsnaam  varchar,
    plaatsnaam      varchar,
    gemeentenaam    varchar,
    provincie       varchar,
    denominatie     varchar,
    onderwijsstructuur varchar
);

-- CBR Examens, newest publication per week x product, with CBR's rules applied.
create table cbr_exams_weekly (
    source_id       integer not null,
    jaar            smallint not null,
    week            smallint not null,
    week_start      date not null,
    categoriecode   varchar,
    categorienaam   varchar,
    productcode     varchar not null,
    productnaam     varchar,
    is_toets        boolean not null,
    totaal          integer,
    voldoende       integer,
    onvoldoende     integer,
    particulier     integer,
    tolk            integer,
    suppression     varchar,               -- applies to every count of the row (a whole product)
    primary key (jaar, week, productcode)
);

create table cbr_diplomas_weekly (
    source_id       integer not null,
    jaar            smallint not null,
    week            smallint not null,
    week_start      date not null,
    diplomacode     varchar not null,
    diplomaomschrijving varchar,
    aantal          integer,
    suppression     varchar,
    primary key (jaar, week, diplomacode)
);

-- CBR Opleiderresultaten, long: one row per publication x opleider x product x examenlocatie x
-- soort_examen x transmissie. n_band is always published ('0', '1-9', '10-49', '50-99', '100+' with
-- the default minimum of 10); voldoende/onvoldoende/n are NULL where suppression is set.
-- examenlocatie = '*': the opleider's exams at all locations together (as in cbr_product_rates), the
-- sum of its location rows, judged on its own: its own n_band, and too_few_exams only when the total
-- is below the minimum. So an opleider with 37 exams at one location and 3 at another has a '*' row
-- of 40 with its rate, beside a too_few_exams location row whose 3 the '*' row gives away. That is
-- intended: too_few_exams is a reliability rule (no rate from a handful of exams), not a
-- confidentiality one (CBR publishes every one of these counts in its open data), so neither publish
-- nor the audit protects a too_few_exams cell against subtraction; CBR's criteria 1-7, which are
-- confidential, leave a product's location and '*' rows out together. publish writes a '*' row for
-- every opleider x product x soort_examen x transmissie it publishes; queries/ use it when present,
-- and otherwise sum the published location rows and report how many suppressed rows that sum is
-- missing (so the rate is then NULL).
-- unique key of cbr_opleider_results: (publication, opleidercode, productcode, examenlocatie, soort_examen, transmissie)
--   Not declared as a primary key: at 100x (15 million rows and more) its index made the insert take
--   70 s and the file 14 times larger; the audit checks that no two rows share the key instead.
create table cbr_opleider_results (
    source_id       integer not null,
    publication     varchar not null,
    period_start    date not null,
    period_end      date not null,
    opleidercode    varchar not null,
    opleidernaam    varchar not null,
    opleider_plaats varchar,
    opleider_actief boolean not null,
    categoriecode   varchar,
    productcode     varchar not null,
    productnaam     varchar,
    examenlocatie   varchar not null,
    examenlocatie_plaats varchar,
    soort_examen    varchar not null check (soort_examen in ('eerste', 'her')),
    transmissie     varchar not null check (transmissie in ('totaal', 'automaat', 'combi', 'handgeschakeld')),
    voldoende       integer,
    onvoldoende     integer,
    n               integer,
    n_band          varchar not null,
    suppression     varchar
);

-- Reference rates for the funnel plot and the location view: all exams of a product (and of a
-- product at a location) in a publication, CBR-suppressed products excluded (and marked).
create table cbr_product_rates (
    publication     varchar not null,
    period_start    date not null,
    period_end      date not null,
    productcode     varchar not null,
    examenlocatie   varchar not null,      -- '*' = all locations (the national rate)
    soort_examen    varchar not null,
    transmissie     varchar not null,
    voldoende       integer,
    onvoldoende     integer,
    n               integer,
    opleiders       integer,               -- distinct opleiders with exams in the cell
    suppression     varchar,
    primary key (publication, productcode, examenlocatie, soort_examen, transmissie)
);

-- VO pass rates (DUO "examenkandidaten en geslaagden", and the deliveries' examengegevens), at every level
-- that is published, so that secondary suppression is computed once over all margins:
--   level        area_code          inspectiecode
--   vestiging    vestigingscode     an opleiding, or NULL = all opleidingen of the onderwijstype
--   instelling   instellingscode    NULL
--   gemeente     gemeentenaam       NULL
--   provincie    provincie          NULL
--   land         'NL'               an opleiding, or NULL
-- geslacht is MAN, VROUW or TOTAAL (TOTAAL may include a group that is neither). The deliveries
-- (source 'deliveries', synthetic in the bundled build: see sources.synthetic) have no gender: TOTAAL
-- only, inspectiecode is the ILT code (vo_ilt_codes), and examenkandidaten = geslaagd + afgewezen.
create table vo_pass_rates (
    source          varchar not null,      -- 'duo' or 'deliveries'
    level           varchar not null check (level in ('vestiging', 'instelling', 'gemeente', 'provincie', 'land')),
    area_code       varchar not null,
    area_name       varchar,
    instellingscode varchar,
    gemeentenaam    varchar,
    provincie       varchar,
    onderwijstype   varchar not null,
    inspectiecode   varchar,
    opleidingsnaam  varchar,
    schooljaar      varchar not null,
    geslacht        varchar not null check (geslacht in ('MAN', 'VROUW', 'TOTAAL')),
    examenkandidaten integer,
    examenkandidaten_suppression varchar,
    geslaagden      integer,
    geslaagden_suppression varchar,
    slaagpercentage double,
    slaagpercentage_suppression varchar
);

-- VO results and average grades per vestiging x onderwijstype x leerweg x sector x afdeling
-- (DUO "geslaagden, gezakten en cijfers"; the deliveries: their candidates by the ILT code's afdeling,
-- averages over the diploma vakken).
create table vo_results_by_afdeling (
    source          varchar not null,
    schooljaar      varchar not null,
    instellingscode varchar not null,
    vestigingscode  varchar not null,
    vestigingsnaam  varchar,
    gemeentenaam    varchar,
    provincie       varchar,
    onderwijstype   varchar not null,
    leerweg         varchar,
    sector          varchar,
    afdeling        varchar,
    examenkandidaten integer,
    examenkandidaten_suppression varchar,
    geslaagden      integer,
    geslaagden_suppression varchar,
    gezakten        integer,
    gezakten_suppression varchar,
    gem_cijfer_se   double,
    gem_cijfer_se_suppression varchar,
    gem_cijfer_ce   double,
    gem_cijfer_ce_suppression varchar,
    gem_cijfer_cijferlijst double,
    gem_cijfer_cijferlijst_suppression varchar
);

-- VO grades per vestiging x vak (DUO "examenkandidaten ... en examencijfers", and the deliveries):
-- SE, CE (the final, highest tijdvak for the deliveries), cijferlijst.
create table vo_subject_grades (
    source          varchar not null,
    schooljaar      varchar not null,
    instellingscode varchar not null,
    vestigingscode  varchar not null,
    vestigingsnaam  varchar,
    gemeentenaam    varchar,
    provincie       varchar,
    onderwijstype   varchar not null,
    leerweg         varchar,
    vakcode         varchar not null,
    vakafkorting    varchar,
    vaknaam         varchar,
    aantal_se       integer,
    aantal_se_suppression varchar,
    gem_se          double,
    gem_se_suppression varchar,
    aantal_ce       integer,
    aantal_ce_suppression varchar,
    gem_ce          double,
    gem_ce_suppression varchar,
    gem_cijferlijst double,
    gem_cijferlijst_suppression varchar
);

-- The deliveries only (record-level examengegevens, Bijlage 2). Per vestiging x vak at the grain of
-- vo_subject_grades: the average first-tijdvak CE grade, final eindcijfer, SE minus CE (over pupils with
-- both), how many used a second or third tijdvak (and their share of the CE pupils), and the certificates
-- deelexamen candidates earned.
create table vo_subject_details (
    source          varchar not null,      -- 'deliveries'
    schooljaar      varchar not null,
    instellingscode varchar not null,
    vestigingscode  varchar not null,
    vestigingsnaam  varchar,
    gemeentenaam    varchar,
    provincie       varchar,
    onderwijstype   varchar not null,
    leerweg         varchar,
    vakcode         varchar not null,
    vakafkorting    varchar,
    vaknaam         varchar,
    gem_ce_1        double,
    gem_ce_1_suppression varchar,
    gem_eindcijfer  double,
    gem_eindcijfer_suppression varchar,
    gem_se_min_ce   double,
    gem_se_min_ce_suppression varchar,
    tijdvak_2_of_3  integer,
    tijdvak_2_of_3_suppression varchar,
    aandeel_tijdvak_2_of_3 double,         -- percentage of the CE pupils, one decimal
    aandeel_tijdvak_2_of_3_suppression varchar,
    certificaten_deelexamen integer,
    certificaten_deelexamen_suppression varchar
);

-- The deliveries only: candidates who withdrew, took a spread exam or a deelexamen, per vestiging x ILT code
-- x schooljaar (geslaagd and afgewezen are in vo_pass_rates).
create table vo_exam_outcomes (
    source          varchar not null,      -- 'deliveries'
    schooljaar      varchar not null,
    instellingscode varchar not null,
    vestigingscode  varchar not null,
    vestigingsnaam  varchar,
    gemeentenaam    varchar,
    provincie       varchar,
    ilt_code        varchar not null,
    opleidingsnaam  varchar,
    onderwijstype   varchar not null,
    leerweg         varchar,
    sector          varchar,
    afdeling        varchar,
    teruggetrokken  integer,
    teruggetrokken_suppression varchar,
    gespreid        integer,
    gespreid_suppression varchar,
    deelexamen      integer,
    deelexamen_suppression varchar
);

-- The deliveries only (record-level inschrijvingsgegevens, Bijlage 1): pupils enrolled on the teldatum
-- (1 October) per vestiging x ILT code x leerjaar, nieuwkomers by verblijfsduur (d1 under a year, d2 one
-- to two years), pupils with years of praktijkonderwijs and their mean number of such years.
create table vo_enrolment (
    source          varchar not null,      -- 'deliveries'
    teldatum        date not null,
    schooljaar      varchar not null,
    instellingscode varchar not null,
    vestigingscode  varchar not null,
    vestigingsnaam  varchar,
    gemeentenaam    varchar,
    provincie       varchar,
    ilt_code        varchar not null,
    opleidingsnaam  varchar,
    onderwijstype   varchar not null,
    leerweg         varchar,
    leerjaar        smallint,
    leerlingen      integer,
    leerlingen_suppression varchar,
    nieuwkomers_d1  integer,
    nieuwkomers_d1_suppression varchar,
    nieuwkomers_d2  integer,
    nieuwkomers_d2_suppression varchar,
    leerlingen_praktijkonderwijs integer,
    leerlingen_praktijkonderwijs_suppression varchar,
    gem_jaren_praktijkonderwijs double,
    gem_jaren_praktijkonderwijs_suppression varchar
);
