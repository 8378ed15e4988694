-- What people who were fitted with a product said at follow-up: the catalog keeps a running
-- tally per product, written by the fitting workflow with each follow-up, read by admission
-- reviewers (the "user feedback" criterion) and anyone judging the product.
create table product_feedback (
  product_id uuid primary key references product (id),
  follow_ups integer not null default 0,
  in_use integer not null default 0,
  -- Sums of 1-5 scores: a mean is the sum over follow_ups.
  product_satisfaction_sum integer not null default 0,
  service_satisfaction_sum integer not null default 0,
  discomfort integer not null default 0,
  poor_fit integer not null default 0,
  broken integer not null default 0,
  no_longer_needed integer not null default 0,
  repairs integer not null default 0,
  updated_at timestamptz not null default now()
);
