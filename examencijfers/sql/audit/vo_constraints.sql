-- Question: what does the publication tell an attacker about the atoms, as linear constraints?
-- Parameters: none.  Input: audit_vo_cells, audit_vo_terms, audit_vo_atoms.
-- Output: one row per constraint x atom: constraint_id, what (names the constraint), relaxed_by (the
--   published cells whose suppression removes the constraint; empty for a constraint that always holds),
--   atom_id, coefficient, lower, upper: lower <= sum of coefficient x atom <= upper (+-1e30 = no bound).
--   Every atom is also >= 0, which the solver is told separately.
--   published count       its atoms add up to it exactly (a finest published cell pins its atom);
--   passes <= candidates  per pass-rate atom pair (a gender, or REST, of a finest row): always holds;
--   published rate        slaagpercentage r (one decimal) beside its counts: r - 0.05 <= 100 G / K <= r + 0.05,
--                         removed with either count.
-- Averages are not constraints: a mean grade says nothing linear about a count.
with

cells as (
    select * from audit_vo_cells
),

terms as (
    select * from audit_vo_terms
),

atoms as (
    select * from audit_vo_atoms
),

published_counts as (
    select
        'count ' || cells.cell_key as what,
        [cells.cell_key] as relaxed_by,
        terms.atom_id,
        terms.coefficient::double as coefficient,
        cells.value::double as lower,
        cells.value::double as upper
    from cells
    left join terms using (cell_id)
    where cells.value is not null
),

atom_pairs as (
    select
        passes.finest_key || '|' || passes.atom_group as pair,
        passes.atom_id as passes_atom,
        candidates.atom_id as candidates_atom
    from atoms as passes
    join atoms as candidates
        on candidates.table_name = passes.table_name
        and candidates.finest_key = passes.finest_key
        and candidates.atom_group = passes.atom_group
        and candidates.column_name = 'examenkandidaten'
    where passes.table_name = 'vo_pass_rates' and passes.column_name = 'geslaagden'
),

pass_pairs as (
    select 'passes <= candidates ' || pair as what, []::varchar[] as relaxed_by, passes_atom as atom_id,
        1.0 as coefficient, -1e30 as lower, 0.0 as upper
    from atom_pairs
    union all
    select 'passes <= candidates ' || pair, []::varchar[], candidates_atom, -1.0, -1e30, 0.0
    from atom_pairs
),

rated_rows as (
    select
        candidates.cell_key as candidates_key,
        passes.cell_key as passes_key,
        candidates.cell_id as candidates_cell,
        passes.cell_id as passes_cell,
        candidates.slaagpercentage as rate
    from cells as candidates
    join cells as passes
        on passes.table_name = candidates.table_name
        and passes.cell_key = replace(candidates.cell_key, ':examenkandidaten', ':geslaagden')
    where candidates.table_name = 'vo_pass_rates'
        and candidates.column_name = 'examenkandidaten'
        and candidates.slaagpercentage is not null
),

rate_terms as (
    -- the atoms of both counts of a rated row, each with its count's factor in 100 G - r K
    select rated_rows.*, terms.atom_id, 100.0 * terms.coefficient as passes_factor, 0.0 as candidates_factor
    from rated_rows
    join terms on terms.cell_id = rated_rows.passes_cell
    union all
    select rated_rows.*, terms.atom_id, 0.0, terms.coefficient
    from rated_rows
    join terms on terms.cell_id = rated_rows.candidates_cell
),

rate_bounds as (
    -- 100 G - (r + 0.05) K <= 0  and  (r - 0.05) K - 100 G <= 0
    select 'rate at most ' || passes_key as what, [candidates_key, passes_key] as relaxed_by, atom_id,
        passes_factor - (rate + 0.05) * candidates_factor as coefficient, -1e30 as lower, 0.0 as upper
    from rate_terms
    union all
    select 'rate at least ' || passes_key, [candidates_key, passes_key], atom_id,
        (rate - 0.05) * candidates_factor - passes_factor, -1e30, 0.0
    from rate_terms
),

all_terms as (
    select * from published_counts
    union all
    select * from pass_pairs
    union all
    select * from rate_bounds
),

-- numbered in the order of their texts; the 550,000 distinct texts are sorted rather than the 1.9 million
-- terms (a dense_rank over the terms took twice as long)
numbered as (
    select what, row_number() over (order by what) - 1 as constraint_id
    from (select distinct what from all_terms)
),

final as (
    select
        numbered.constraint_id,
        all_terms.what, relaxed_by, atom_id, coefficient, lower, upper
    from all_terms
    join numbered on numbered.what is not distinct from all_terms.what   -- as dense_rank, a NULL text too
)

select * from final
