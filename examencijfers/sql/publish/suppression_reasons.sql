-- Question: the reason codes a suppressed cell can carry, with the symbol shown in its place.
-- Parameters: none.  Output: the suppression_reasons contract (one row per reason in published.sql).
with

reasons (reason, symbol, label_nl, label_en) as (
    values
        ('source_lt5', '<5', 'door de bron als "<5" gepubliceerd', 'published by the source as "<5"'),
        ('primary', '•', 'te klein aantal (kleine cel)', 'too small a count (small cell)'),
        ('secondary', '∘', 'verborgen zodat een kleine cel niet terug te rekenen is',
            'hidden so that a small cell cannot be derived'),
        ('extreme_rate', '×', '0% of 100% in een kleine groep', '0% or 100% in a small group'),
        ('too_few_exams', '~', 'te weinig examens voor een percentage', 'too few exams for a rate'),
        ('cbr_rule_1', '§1', 'CBR: product bij hoogstens 10 actieve opleiders',
            'CBR: product taken by at most 10 active opleiders'),
        ('cbr_rule_2', '§2', 'CBR: product met extra tijd (soortproductverlenging)',
            'CBR: extra-time product (soortproductverlenging)'),
        ('cbr_rule_3', '§3', 'CBR: individueel afgenomen product', 'CBR: product taken individually'),
        ('cbr_rule_4', '§4', 'CBR: productgroep vakbekwaamheid nascholing',
            'CBR: product group vakbekwaamheid nascholing'),
        ('cbr_rule_5', '§5', 'CBR: productgroep toetsen vakbekwaamheid',
            'CBR: product group toetsen vakbekwaamheid'),
        ('cbr_rule_6', '§6', 'CBR: examen nader onderzoek', 'CBR: exam "nader onderzoek"'),
        ('cbr_rule_7', '§7', 'CBR: indicatie via verzoek', 'CBR: indication "via verzoek"'),
        ('cbr_unknown_product', '§?', 'CBR: product niet in de productcatalogus, dus niet te toetsen',
            'CBR: product not in the catalogue, so its criteria cannot be checked')
),

final as (
    select * from reasons
)

select * from final
