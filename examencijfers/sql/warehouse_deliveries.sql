-- Record-level VO deliveries (Regeling gegevenslevering onderwijsnummer VO, Bijlage 1 and 2): private.
--
-- Person-level, pseudonymised tables. They live only in the warehouse; publish never copies them.
--   * the persoonsgebonden nummer is never stored: `pseudonym` is its HMAC-SHA256 under a key from the
--     environment (NULL when the field was empty);
--   * the postcode is kept as its 4 digits only; the title of the werkstuk is not stored (only whether
--     one was given);
--   * every row carries source_id and line_no (1-based line in its file, header = 1);
--   * has_error: the record failed an error-level control (see delivery_checks) and is left out of
--     the aggregates; for a candidate it is set when the K record or any of its V records has an error.
-- Executed with `create ... if not exists` by examencijfers.ingest.deliveries before every load.

create table if not exists delivery_files (
    source_id           integer primary key,   -- -> sources
    kind                varchar not null check (kind in ('inschrijvingsgegevens', 'examengegevens')),
    file_name           varchar not null,
    delivered_on        date not null,          -- the day the school delivered the file
    delivered_on_from   varchar not null,       -- 'file name', 'argument' or 'file modified'
    teldatum            date,                   -- inschrijvingsgegevens: the 1 October counted
    records             integer not null,
    records_with_errors integer not null,
    records_with_warnings integer not null
);

create table if not exists delivery_inschrijvingen (
    source_id           integer not null,
    line_no             integer not null,
    pseudonym           varchar,
    postcode4           varchar,
    instellingscode     varchar,
    vestigingscode      varchar,               -- BRIN + 2 digits
    datum_inschrijving  date,
    datum_uitschrijving date,
    nieuwkomer_categorie varchar,
    verblijfsduur       varchar check (verblijfsduur in ('d1', 'd2')),
    ilt_code            varchar,
    leerjaar            smallint,
    jaren_praktijkonderwijs smallint,
    has_error           boolean not null,
    has_warning         boolean not null,
    primary key (source_id, line_no)
);

create table if not exists delivery_kandidaten (
    source_id           integer not null,
    line_no             integer not null,
    pseudonym           varchar,
    postcode4           varchar,
    instellingscode     varchar,
    vestigingscode      varchar,
    ilt_code            varchar,
    examenjaar          smallint,
    datum_uitslag       date,
    uitslag             varchar check (uitslag in ('G', 'A', 'T', 'S', 'D')),
    werkstuk_titel_gegeven boolean not null,  -- the title itself is not stored
    beoordeling_werkstuk varchar,
    toepassing_beoordeling_werkstuk varchar,
    vakken              integer not null,
    has_error           boolean not null,
    has_warning         boolean not null,
    primary key (source_id, line_no)
);

create table if not exists delivery_vakken (
    source_id           integer not null,
    line_no             integer not null,
    kandidaat_line_no   integer not null,      -- the K record it follows
    vakcode             varchar,
    diplomavak          boolean,
    toepassing          varchar,
    indicatie_werkstuk  boolean,
    programma           varchar,
    beoordeling_se      varchar,
    cijfer_se           decimal(3, 1),
    cijfer_ce_1         decimal(3, 1),
    cijfer_ce_2         decimal(3, 1),
    cijfer_ce_3         decimal(3, 1),
    eindcijfer_1        smallint,
    eindcijfer_2        smallint,
    eindcijfer_3        smallint,
    cijfer_cijferlijst  smallint,
    verwezen            boolean,
    certificaat         boolean,
    has_error           boolean not null,
    has_warning         boolean not null,
    primary key (source_id, line_no)
);

-- The terugmelding: one row per failed control per record (line_no 1 = the file as a whole).
create table if not exists delivery_checks (
    source_id           integer not null,
    line_no             integer not null,
    recordsoort         varchar not null check (recordsoort in ('I', 'K', 'V', 'F')),  -- I = inschrijving, F = file
    kandidaat_line_no   integer,
    control             varchar not null,
    severity            varchar not null check (severity in ('error', 'warning')),
    field               varchar,               -- the column of the delivery file
    expected            varchar,               -- what the rule expects
    found               varchar,               -- what the record holds (withheld for the number and title)
    message             varchar not null,      -- never holds a persoonsgebonden nummer or a title
    rule_source         varchar not null
);

-- Copies of the reference lists the aggregates join (refreshed before each build).
create table if not exists delivery_ref_ilt_codes (
    ilt_code            varchar primary key,
    opleidingsnaam      varchar not null,
    onderwijstype       varchar not null,
    leerweg             varchar,
    sector              varchar,
    afdeling            varchar,
    leerjaren           varchar,
    examenopleiding     boolean not null
);

create table if not exists delivery_ref_vakcodes (
    vakcode             varchar primary key,
    afkorting           varchar,
    vaknaam             varchar
);

create table if not exists delivery_ref_vestigingen (
    vestigingscode      varchar primary key,
    instellingscode     varchar not null,
    vestigingsnaam      varchar,
    plaatsnaam          varchar,
    gemeentenaam        varchar,
    provincie           varchar,
    onderwijsstructuur  varchar
);
