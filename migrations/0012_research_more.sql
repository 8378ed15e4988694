-- What the reserve pool needs beyond 0011: the amount a project was funded with (its
-- budget is what the team asked for), and which side gave each command (the proposing
-- team or the city), so the timeline can say who acted without reading grants that
-- may since have changed.
alter table research_project add column funded_fen bigint check (funded_fen >= 0);
alter table research_project_action add column part text check (part in ('team', 'city'));
