// The baseline for throughput: Fastify with one route and no plugins, in its own process
// like the platform, so the ratio shows what the platform's own work costs.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => 'hello');
// The same bytes a platform route sends, from a file, for a baseline that writes as much as it does.
const body = process.env.BARE_BODY_FILE ? readFileSync(process.env.BARE_BODY_FILE, 'utf8') : '';
app.get('/body', async (_request, reply) => reply.type('application/json; charset=utf-8').send(body));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
