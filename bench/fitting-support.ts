// Setting up the fitting benchmark: generated cases in bulk, and signed-in sessions.
import { loadConfig } from '../src/config.ts';
import { rebuildTally } from '../src/modules/fitting/index.ts';
import { openCommandDatabase, sql } from '../src/platform/db/index.ts';
import type { Server } from '../test/support/processes.ts';

/**
 * Adds generated cases straight into the database of the running server (through
 * its socket on PGlite): spread over every district, status, due date and the demo
 * people, each with its first action, as a year of a large city's work would be.
 */
export async function addCases(env: NodeJS.ProcessEnv, caseCount: number): Promise<void> {
  const opened = await openCommandDatabase(loadConfig(env));
  try {
    await opened.db.transaction(async (tx) => {
      await tx.query(
        sql`insert into fitting_case (reference, person_id, district_code, policy_year, catalog_id, item_code,
              applicant_group, status, due_on, opened_by, created_at, updated_at)
            select 'FJ-B-' || lpad(g::text, 7, '0'),
              p.ids[1 + g % cardinality(p.ids)],
              d.codes[1 + g % cardinality(d.codes)],
              c.policy_year, c.catalog_id, c.item_code, 'other',
              (array['submitted', 'returned', 'eligibility_checked', 'assessment_scheduled', 'assessed', 'prescribed',
                'approved', 'rejected', 'appealed', 'fitting', 'delivered', 'trained', 'followed_up', 'closed',
                'withdrawn'])[1 + (g * 7) % 15],
              current_date + ((g * 37) % 120 - 60),
              c.opened_by, now() - (g % 8760) * interval '1 hour', now()
            from generate_series(1, ${caseCount}) g,
              (select array_agg(id order by id) as ids from person) p,
              (select array_agg(code order by code) as codes from district) d,
              (select policy_year, catalog_id, item_code, opened_by from fitting_case limit 1) c`,
      );
      await tx.query(
        sql`insert into fitting_action (case_id, seq, command, status_after, actor_role, at)
            select id, 1, 'submit', 'submitted', 'applicant', created_at from fitting_case where reference like 'FJ-B-%'`,
      );
      await rebuildTally(tx);
      await tx.query(sql`analyze fitting_case`);
      await tx.query(sql`analyze fitting_case_tally`);
    });
  } finally {
    await opened.close();
  }
}

export async function signIn(
  server: Server,
  username: string,
  password = 'bench-demo-password',
): Promise<string> {
  const form = await fetch(`${server.url}/login`);
  const csrfCookie = (form.headers.getSetCookie()[0] ?? '').split(';')[0] as string;
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] as string;
  const response = await fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, username, password }),
  });
  const session = response.headers.getSetCookie().find((c) => c.includes('session'));
  if (response.status !== 303 || !session) throw new Error(`sign-in as ${username}: ${response.status}`);
  return [csrfCookie, session.split(';')[0]].join('; ');
}
