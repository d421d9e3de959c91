-- Question: for each sensitive suppressed cell, which atoms make it up?
-- Parameters: none.  Input: audit_vo_cells, audit_vo_terms.
-- Output: one row per sensitive cell x atom: cell_id, cell_key, reason, atom_id (NULL when the cell has
--   no atoms: it is then given away as 0), coefficient. The audit minimises and maximises the sum of
--   coefficient x atom under vo_constraints.sql.
with

cells as (
    select * from audit_vo_cells
    where sensitive
),

terms as (
    select * from audit_vo_terms
),

final as (
    select cells.cell_id, cells.cell_key, cells.reason, terms.atom_id, terms.coefficient::double as coefficient
    from cells
    left join terms using (cell_id)
)

select * from final
